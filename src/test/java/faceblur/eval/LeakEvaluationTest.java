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
    void aMarkedHeadIsNeitherALeakNorPictureOutsideFaces() throws IOException {
        Path redacted = hiddenFace("face", 1, "1");
        String rows = "frame,id,x,y,w,h,kind\n" + "1,1,128,48,64,64,head\n1,2,208,16,48,48,head\n";
        LeakReport report = LeakEvaluation.run(original(), redacted,
                MotGroundTruth.read(Files.writeString(dir.resolve("heads.csv"), rows)), RedactionRule.DEFAULT);
        // The untouched head (id 2) would be a leak as a face; the hidden one would not count as picture.
        assertThat(report.overall().faceFrames()).isZero();
        LeakReport asFaces = evaluate(redacted, FACE, OTHER);
        assertThat(asFaces.overall().leaked()).isEqualTo(FRAMES);
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

    /** A dark, flat patch over the crowd in the original (and so in every version made from it). */
    private static final Box DARK = new Box(20, 150, 40, 40);

    /**
     * The original with DARK and 4 px around it filled nearly black on every frame: a face there shows nothing
     * (the margin keeps the patch's own edge, which the 3x3 gradient sees, out of the box).
     */
    static Path originalWithDarkPatch() {
        return Media.fixture("leak-original-dark2.mp4", "-i", original().toString(), "-vf",
                String.format("drawbox=x=%d:y=%d:w=%d:h=%d:c=0x080808:t=fill", (int) DARK.x() - 4,
                        (int) DARK.y() - 4, (int) DARK.width() + 8, (int) DARK.height() + 8),
                "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p");
    }

    @Test
    void featurelessBoxesAreCountedApartFromTheOriginalAlone() throws IOException {
        Path original = originalWithDarkPatch();
        MotGroundTruth truth = MotGroundTruth.read(truth(FACE, DARK));
        Path reencoded = Media.fixture("leak-dark2-crf23.mp4", "-i", original.toString(), "-c:v", "libx264",
                "-crf", "23", "-pix_fmt", "yuv420p");
        // The dark box is featureless whether the version keeps it (re-encode) or hides it (blur): it is decided
        // from the original, and neither leaks nor counts as hidden.
        Path blurred = Media.fixture("leak-dark2-blurred.mp4", "-i", original.toString(), "-vf", "gblur=sigma=20",
                "-c:v", "libx264", "-crf", "23", "-pix_fmt", "yuv420p");
        for (Path version : List.of(reencoded, blurred)) {
            LeakReport report = LeakEvaluation.run(original, version, truth, RedactionRule.DEFAULT);
            assertThat(report.featurelessFaceFrames()).as(version.toString()).isEqualTo(FRAMES);
            assertThat(report.featurelessAtLeast24px()).isEqualTo(FRAMES);
            assertThat(report.byHeight().get(SizeBucket.FROM_32.ordinal()).featureless()).isEqualTo(FRAMES);
            assertThat(report.overall().faceFrames()).isEqualTo(FRAMES);
            assertThat(report.leaked()).allSatisfy(f -> assertThat(f.id()).isEqualTo(1));
        }
        assertThat(LeakEvaluation.run(original, reencoded, truth, RedactionRule.DEFAULT).overall())
                .isEqualTo(new LeakReport.Tally(FRAMES, FRAMES));
        assertThat(LeakEvaluation.run(original, blurred, truth, RedactionRule.DEFAULT).overall())
                .isEqualTo(new LeakReport.Tally(FRAMES, 0));
        // The same box over the crowd of the untouched original has detail: judged, not set apart.
        assertThat(evaluate(reencoded("leak-crf23.mp4", 23), DARK).featurelessFaceFrames()).isZero();
    }

    private static Path reencoded(String name, int crf) {
        return Media.fixture(name, "-i", original().toString(), "-c:v", "libx264", "-crf", "" + crf,
                "-pix_fmt", "yuv420p");
    }

    @ParameterizedTest
    @ValueSource(ints = {23, 28})
    void secondRuleCallsAReEncodeLeaked(int crf) throws IOException {
        LeakReport.CorrelationCheck check = evaluate(reencoded("leak-crf" + crf + ".mp4", crf), SPREAD)
                .correlationCheck();
        int big = 4 * FRAMES; // four of the SPREAD boxes are 24 px or more
        assertThat(check.atLeast24px()).isEqualTo(new LeakReport.Tally(big, big));
        if (crf == 23) {
            assertThat(check.overall().leaked()).isEqualTo(SPREAD.length * FRAMES);
        }
    }

    @Test
    void secondRuleCallsMostFacesOfACrf35ReEncodeLeaked() throws IOException {
        // crf 35 wipes the fine detail of some faces for good (the calibration: 2-10 % of faces of 24 px and
        // more fall below the threshold); on this small clip 85 % stay above it.
        LeakReport.CorrelationCheck check = evaluate(reencoded("leak-crf35.mp4", 35), SPREAD).correlationCheck();
        assertThat(check.atLeast24px().leakRate()).isGreaterThan(0.8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gblur=sigma=20", "scale=32:24:flags=area,scale=320:240:flags=neighbor",
            "drawbox=c=black:t=fill"})
    void secondRuleCallsABlurPixelationAndFillHidden(String filter) throws IOException {
        Path redacted = variant(filter.replaceAll("[^a-z0-9]", ""), "[0:v]" + filter + "[out]");
        LeakReport.CorrelationCheck check = evaluate(redacted, SPREAD).correlationCheck();
        assertThat(check.overall()).isEqualTo(new LeakReport.Tally(SPREAD.length * FRAMES, 0));
        assertThat(check.disagree()).isEqualTo(new LeakReport.Disagreement(0, 0));
    }

    @Test
    void aBrightnessShiftFoolsTheFirstRuleNotTheSecond() throws IOException {
        // +40 grey levels everywhere moves every cell's mean past minDiff, so the first rule sees a change;
        // the fine detail is all still there, so the second rule sees a leak.
        LeakReport report = evaluate(variant("brighter", "[0:v]lutyuv=y=val+40[out]"), FACE, OTHER);
        assertThat(report.overall()).isEqualTo(new LeakReport.Tally(2 * FRAMES, 0));
        assertThat(report.correlationCheck().overall()).isEqualTo(new LeakReport.Tally(2 * FRAMES, 2 * FRAMES));
        assertThat(report.correlationCheck().disagree()).isEqualTo(new LeakReport.Disagreement(0, 2 * FRAMES));
        assertThat(report.table()).contains("rules disagree on 20 face-frames (>=24 px: 20): 0 leaked by the pixel "
                + "rule only (0), 20 by the correlation rule only (20)");
    }

    @Test
    void aWeakBlurLeaksByTheFirstRuleOnly() throws IOException {
        // A 5x5 box blur keeps a face's shading (the first rule: leaked) but not its fine detail (the second:
        // hidden); the 28 px box over the crowd and the 96 px one show it on most frames.
        LeakReport report = evaluate(variant("boxblur2", "[0:v]boxblur=2[out]"), SPREAD);
        LeakReport.CorrelationCheck c = report.correlationCheck();
        assertThat(c.disagree().leakedByPixelRuleOnly()).isGreaterThanOrEqualTo(FRAMES);
        assertThat(c.disagree().leakedByCorrelationOnly()).isZero();
        assertThat(report.overall().leaked() - c.overall().leaked())
                .isEqualTo(c.disagree().leakedByPixelRuleOnly() - c.disagree().leakedByCorrelationOnly());
    }
}
