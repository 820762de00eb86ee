package faceblur.segment;

import faceblur.detect.DetectorPool;
import faceblur.detect.DetectorSettings;
import faceblur.engine.Analysis;
import faceblur.engine.DetectionSchedule;
import faceblur.engine.FaceBlur;
import faceblur.engine.ProgressListener;
import faceblur.redact.RedactionSettings;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import faceblur.testing.VideoAssertions;
import faceblur.track.Track;
import faceblur.track.TrackerSettings;
import faceblur.video.Container;
import faceblur.video.MetadataPolicy;
import faceblur.video.EncoderSettings;
import faceblur.video.Segment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole distributed path on the real Megamind clip (H.264 with B-frames, AAC starting at 10 ms): plan,
 * analyse each segment, track once, render each segment, join; checked with ffprobe and ffmpeg against the
 * input and against a whole render of the same tracks.
 */
class SegmentJoinTest {

    @TempDir
    static Path dir;
    static Path input;
    static List<Segment> segments;
    static List<Path> pieces = new ArrayList<>();
    static Path joined;
    static Path whole;
    static int joinedFrames;
    static Analysis joinedAnalysis;
    static Analysis wholeAnalysis;

    @BeforeAll
    static void splitRenderJoin() {
        input = Media.media("megamind.mp4");
        EncoderSettings encoding = EncoderSettings.defaults();
        RedactionSettings redaction = RedactionSettings.defaults();
        try (FaceBlur engine = FaceBlur.withDetectors(new DetectorPool(Media.model(), DetectorSettings.defaults()), DetectionSchedule.defaults(),
                TrackerSettings.defaults())) {
            segments = SegmentPlan.plan(input, Duration.ofSeconds(3));
            List<Analysis> analyses = new ArrayList<>();
            for (Segment segment : segments) {
                analyses.add(engine.analyse(input, segment, ProgressListener.NONE));
            }
            joinedAnalysis = Analysis.joined(analyses);
            wholeAnalysis = engine.analyse(input, ProgressListener.NONE);
            List<Track> tracks = engine.track(joinedAnalysis);
            assertThat(tracks).as("faces tracked").isNotEmpty();
            for (Segment segment : segments) {
                Path piece = dir.resolve("piece-" + segment.index() + ".mp4");
                engine.renderSegment(input, tracks, segment, redaction, encoding, piece, ProgressListener.NONE);
                pieces.add(piece);
            }
            joined = dir.resolve("joined.mp4");
            joinedFrames = SegmentJoiner.join(input, pieces, joined, Container.MP4, MetadataPolicy.STRIP);
            whole = dir.resolve("whole.mp4");
            engine.render(input, tracks, redaction, encoding, whole, Container.MP4, ProgressListener.NONE);
        }
    }

    @Test
    void cutIntoSeveralSegments() {
        assertThat(segments).hasSizeGreaterThanOrEqualTo(3);
    }

    /**
     * The clip's keyframes sit on its shot changes, so segments begin at cuts: each is decided from the two
     * segments' edge frames as an unsplit pass decides it, and the joined analysis is the whole one.
     */
    @Test
    void shotCutsAtSegmentBoundariesAreFoundAsInAWholePass() {
        List<Long> boundaries = segments.stream().skip(1).map(Segment::startMicros).toList();
        assertThat(wholeAnalysis.cuts()).as("cuts of the whole clip").hasSize(4).containsAll(boundaries);
        assertThat(joinedAnalysis).isEqualTo(wholeAnalysis);
    }

    @Test
    void eachPieceIsVideoOnlyAndStartsWithAnIdrFrame() {
        for (Path piece : pieces) {
            assertThat(Tools.ffprobe("-show_entries", "stream=codec_type", "-of", "csv=p=0", piece.toString())).isEqualTo("video");
            String first = Tools.ffprobe("-select_streams", "v:0", "-read_intervals", "%+#1", "-show_entries",
                    "frame=key_frame,pict_type", "-of", "csv=p=0", piece.toString());
            assertThat(first).startsWith("1,I");
        }
    }

    @Test
    void sameFramesAtTheSameTimes() {
        assertThat(joinedFrames).isEqualTo(271);
        VideoAssertions.assertSameFrameTimes(input, joined);
        assertThat(Tools.frameTimes(joined)).isEqualTo(Tools.frameTimes(whole));
    }

    @Test
    void audioIsCopiedPacketForPacket() {
        assertThat(Tools.packetHash(joined, "a:0")).isEqualTo(Tools.packetHash(input, "a:0"));
    }

    @Test
    void durationIsTheInputs() {
        assertThat(duration(joined)).isCloseTo(duration(input), within(0.001));
        assertThat(duration(joined)).isEqualTo(duration(whole));
    }

    @Test
    void decodesWithoutErrors() {
        Tools.Result result = Tools.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", joined.toString(), "-f", "null", "-"), null);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEmpty();
    }

    /** Faces are hidden where the unsplit path hides them: the two differ only by x264's own losses. */
    @Test
    void matchesAWholeRenderFrameForFrame() {
        assertThat(Tools.minPsnr(joined, whole)).as("worst frame's PSNR").isGreaterThan(40);
    }

    @Test
    void piecesOutOfOrderAreRefusedAndLeaveNothing() throws java.io.IOException {
        Path target = dir.resolve("reversed.mp4");
        List<Path> reversed = new ArrayList<>(pieces);
        java.util.Collections.reverse(reversed);
        assertThatThrownBy(() -> SegmentJoiner.join(input, reversed, target, Container.MP4, MetadataPolicy.STRIP))
                .hasMessageContaining("order");
        assertThatThrownBy(() -> SegmentJoiner.join(input, pieces.subList(0, pieces.size() - 1), target, Container.MP4,
                MetadataPolicy.STRIP))
                .hasMessageContaining("271");
        assertThat(target).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".partial"))).isEmpty();
        }
    }

    private static double duration(Path file) {
        return Double.parseDouble(Tools.ffprobe("-show_entries", "format=duration", "-of", "default=nw=1:nk=1", file.toString()));
    }
}
