package faceblur.eval;

import faceblur.detect.Box;
import faceblur.testing.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak metric on small videos with known answers: a 10-frame 320x240 pan over a real photo (a crowd and
 * a player), and versions of it made with ffmpeg's filters where a known box, part of a box or the whole
 * frame is hidden. Every version is encoded again with libx264, as a redacted video would be.
 */
class LeakEvaluationTest {

    private static final int FRAMES = 10;
    /** The box that gets hidden, over the player's head; x and width are multiples of 16 so halves and quarters fall on cells. */
    private static final Box FACE = new Box(128, 48, 64, 64);
    /** A box elsewhere (crowd), never hidden. */
    private static final Box OTHER = new Box(208, 16, 48, 48);

    @TempDir
    Path dir;

    static Path original() {
        return Media.fixture("leak-original.mp4", "-loop", "1", "-framerate", "10", "-i",
                Media.media("messi5.jpg").toString(), "-vf", "crop=320:240:60+4*n:10", "-frames:v", "" + FRAMES,
                "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p");
    }

    /** The original run through an ffmpeg filter graph from [0:v] to [out], encoded again at crf 23. */
    private static Path variant(String name, String graph, String... extra) {
        List<String> args = new ArrayList<>(List.of("-i", original().toString(), "-filter_complex", graph,
                "-map", "[out]", "-c:v", "libx264", "-crf", "23", "-pix_fmt", "yuv420p"));
        args.addAll(List.of(extra));
        return Media.fixture("leak-" + name + ".mp4", args.toArray(String[]::new));
    }

    /** Hides the part x, y, w, h of every frame where {@code when} (an expression of the frame number n) holds. */
    private static Path hidden(String name, int x, int y, int w, int h, String when) {
        return variant(name, String.format("[0:v]split[main][part];[part]crop=%d:%d:%d:%d,gblur=sigma=20[hidden];"
                + "[main][hidden]overlay=%d:%d:enable='%s'[out]", w, h, x, y, x, y, when));
    }

    private static Path hiddenFace(String name, double share, String when) {
        return hidden(name, (int) FACE.x(), (int) FACE.y(), (int) (FACE.width() * share), (int) FACE.height(), when);
    }

    /** Ground truth with the given boxes (id = position + 1) on every frame. */
    private Path truth(Box... boxes) throws IOException {
        StringBuilder csv = new StringBuilder("frame,id,x,y,w,h,conf\n");
        for (int frame = 1; frame <= FRAMES; frame++) {
            for (int i = 0; i < boxes.length; i++) {
                Box b = boxes[i];
                csv.append(String.format("%d,%d,%s,%s,%s,%s,1%n", frame, i + 1, b.x(), b.y(), b.width(), b.height()));
            }
        }
        return Files.writeString(dir.resolve("gt.csv"), csv);
    }

    private LeakReport evaluate(Path redacted, Box... boxes) throws IOException {
        return LeakEvaluation.run(original(), redacted, MotGroundTruth.read(truth(boxes)), RedactionRule.DEFAULT);
    }

    @Test
    void hiddenBoxIsRedactedAndUntouchedBoxLeaks() throws IOException {
        LeakReport report = evaluate(hiddenFace("face", 1, "1"), FACE, OTHER);
        assertThat(report.frames()).isEqualTo(FRAMES);
        assertThat(report.overall()).isEqualTo(new LeakReport.Tally(2 * FRAMES, FRAMES));
        assertThat(report.longestLeakRunById()).isEqualTo(Map.of(1, 0, 2, FRAMES));
        assertThat(report.longestLeakRun()).isEqualTo(FRAMES);
        assertThat(report.longestLeakRunIds()).containsExactly(2);
        assertThat(report.featurelessFaceFrames()).isZero();
        // Only a thin ring around the hidden box (the window's reach) and coding noise change outside it.
        assertThat(report.changedOutsideFaces()).isLessThan(0.05);
    }

    @Test
    void halfHiddenBoxLeaksThreeQuartersIsRedacted() throws IOException {
        // Half the cells changed is below the bulk of 0.6; three quarters is above it.
        assertThat(evaluate(hiddenFace("half", 0.5, "1"), FACE).overall().leaked()).isEqualTo(FRAMES);
        assertThat(evaluate(hiddenFace("three-quarters", 0.75, "1"), FACE).overall().leaked()).isZero();
    }

    @Test
    void longestRunCountsConsecutiveLeakedFrames() throws IOException {
        // Shown on frames 4, 5, 6 and 9 (n counts from 0): runs of 3 and 1.
        LeakReport report = evaluate(hiddenFace("gaps", 1, "not(between(n,3,5)+eq(n,8))"), FACE);
        assertThat(report.overall().leaked()).isEqualTo(4);
        assertThat(report.longestLeakRun()).isEqualTo(3);
        assertThat(report.longestLeakRunIds()).containsExactly(1);
    }

    /** Boxes of every height bucket over textured parts of the picture. */
    private static final Box[] SPREAD = {new Box(10, 20, 12, 12), new Box(40, 40, 20, 20), new Box(90, 150, 28, 28),
            new Box(150, 40, 48, 48), new Box(200, 100, 96, 96), new Box(60, 60, 140, 140)};

    @ParameterizedTest
    @ValueSource(ints = {23, 28})
    void reEncodeRedactsNothing(int crf) throws IOException {
        Path reencoded = Media.fixture("leak-crf" + crf + ".mp4", "-i", original().toString(),
                "-c:v", "libx264", "-crf", "" + crf, "-pix_fmt", "yuv420p");
        LeakReport report = LeakEvaluation.run(original(), reencoded, MotGroundTruth.read(truth(SPREAD)),
                RedactionRule.DEFAULT);
        assertThat(report.overall()).isEqualTo(new LeakReport.Tally(SPREAD.length * FRAMES, SPREAD.length * FRAMES));
        assertThat(report.byHeight()).allSatisfy(b -> assertThat(b.tally().faceFrames()).isEqualTo(FRAMES));
        assertThat(report.changedOutsideFaces()).isLessThan(0.05);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gblur=sigma=20", "boxblur=10",
            "scale=32:24:flags=area,scale=320:240:flags=neighbor", "drawbox=c=black:t=fill"})
    void wholeFrameRedactionHidesEverything(String filter) throws IOException {
        Path redacted = variant(filter.replaceAll("[^a-z0-9]", ""), "[0:v]" + filter + "[out]");
        Box partlyOutside = new Box(290, 100, 60, 60);
        Box outside = new Box(400, 100, 60, 60);
        List<Box> boxes = new ArrayList<>(List.of(SPREAD));
        boxes.addAll(List.of(partlyOutside, outside));
        LeakReport report = evaluate(redacted, boxes.toArray(Box[]::new));
        assertThat(report.overall()).isEqualTo(new LeakReport.Tally((SPREAD.length + 1) * FRAMES, 0));
        assertThat(report.boxesOutsideFrame()).isEqualTo(FRAMES);
        assertThat(report.changedOutsideFaces()).isGreaterThan(0.5);
    }
}
