package faceblur.segment;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.DetectorPool;
import faceblur.detect.DetectorSettings;
import faceblur.detect.Point;
import faceblur.engine.Analysis;
import faceblur.shot.FrameShift;
import faceblur.shot.Thumbnail;
import faceblur.engine.DetectionSchedule;
import faceblur.engine.FaceBlur;
import faceblur.engine.ProgressListener;
import faceblur.redact.RedactionSettings;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import faceblur.track.Observation;
import faceblur.track.Track;
import faceblur.track.TrackerSettings;
import faceblur.video.Container;
import faceblur.video.MetadataPolicy;
import faceblur.video.EncoderSettings;
import faceblur.video.Segment;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans and segment analyses on 20 s of real street footage re-encoded by Debian's ffmpeg with a keyframe
 * every 2 s: cuts checked against ffprobe's keyframe flags, and the segments' observations against one
 * analysis of the whole video.
 */
class SegmentAnalysisTest {

    static Path input;
    static FaceBlur engine;
    static List<Segment> segments;
    static List<Analysis> pieces = new ArrayList<>();
    static final EncoderSettings FAST = new EncoderSettings(23, "ultrafast", 0);

    @BeforeAll
    static void analyseSegments() {
        input = Media.pedestriansGop2s();
        engine = FaceBlur.withDetectors(new DetectorPool(Media.model(), DetectorSettings.defaults()), DetectionSchedule.defaults(),
                TrackerSettings.defaults());
        segments = SegmentPlan.plan(input, Duration.ofMillis(4600));
        for (Segment segment : segments) {
            pieces.add(engine.analyse(input, segment, ProgressListener.NONE));
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** ffprobe's frames as (seconds from the first frame, key frame?). */
    static List<double[]> probedFrames(Path file) {
        String csv = Tools.ffprobe("-select_streams", "v:0", "-show_entries", "frame=key_frame,best_effort_timestamp_time",
                "-of", "csv=p=0", file.toString());
        List<double[]> frames = csv.lines().filter(l -> !l.isBlank())
                .map(l -> l.split(",")).map(f -> new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[0])})
                .toList();
        double first = frames.get(0)[0];
        return frames.stream().map(f -> new double[] {f[0] - first, f[1]}).toList();
    }

    @Test
    void segmentsStartOnKeyframesAndTileTheVideo() {
        List<double[]> frames = probedFrames(input);
        assertThat(frames).hasSize(200);
        // Keyframes every 2 s, cuts at those nearest to 4.6, 9.2, 13.8 and 18.4 s.
        assertThat(segments).extracting(Segment::startMicros)
                .containsExactly(0L, 4_000_000L, 10_000_000L, 14_000_000L, 18_000_000L);
        assertThat(segments.get(0).startMicros()).isZero();
        assertThat(segments.get(segments.size() - 1).endMicros()).isEqualTo(Long.MAX_VALUE);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            assertThat(s.index()).isEqualTo(i);
            if (i > 0) {
                assertThat(s.startMicros()).isEqualTo(segments.get(i - 1).endMicros());
            }
            double[] first = frames.stream().filter(f -> Math.round(f[0] * 1e6) >= s.startMicros()).findFirst().orElseThrow();
            assertThat(Math.round(first[0] * 1e6)).as("segment %d starts on a frame", i).isEqualTo(s.startMicros());
            assertThat(first[1]).as("segment %d starts on a keyframe", i).isEqualTo(1.0);
        }
        for (double[] frame : frames) {
            long micros = Math.round(frame[0] * 1e6);
            assertThat(segments.stream().filter(s -> s.contains(micros))).as("segments holding %d µs", micros).hasSize(1);
        }
    }

    @Test
    void aVideoWithOneKeyframeIsOneSegment() {
        Path oneKeyframe = Media.fixture("one-keyframe.mp4", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=4",
                "-c:v", "libx264", "-g", "1000", "-x264-params", "scenecut=0", "-pix_fmt", "yuv420p");
        assertThat(SegmentPlan.plan(oneKeyframe, Duration.ofSeconds(1))).containsExactly(new Segment(0, 0, Long.MAX_VALUE));
    }

    @Test
    void segmentAnalysesTogetherEqualTheWholeAnalysis() {
        Analysis whole = engine.analyse(input, ProgressListener.NONE);
        List<Observation> union = pieces.stream().flatMap(a -> a.observations().stream()).toList();
        assertThat(whole.observations()).hasSize(200);
        assertThat(whole.observations().stream().mapToInt(o -> o.detections().size()).sum()).as("faces found").isPositive();
        assertThat(union).isEqualTo(whole.observations());
        assertThat(pieces.stream().mapToInt(Analysis::frames).sum()).isEqualTo(whole.frames());
        assertThat(Analysis.joined(pieces)).isEqualTo(whole);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            assertThat(pieces.get(i).observations()).isNotEmpty().allMatch(o -> s.contains(o.micros()));
            assertThat(pieces.get(i).info()).isEqualTo(whole.info());
        }
    }

    @Test
    void jsonRoundTripIsLossless() throws IOException {
        for (Analysis analysis : pieces) {
            assertThat(roundTrip(analysis)).isEqualTo(analysis);
        }
        Detection awkward = new Detection(new Box(0.1 + 0.2, 1e-300, Math.PI * 1e7, Double.MIN_VALUE), 0.39999999999999997,
                List.of(new Point(-0.0, Math.nextUp(1.0))));
        byte[] grey = new byte[Thumbnail.WIDTH * Thumbnail.HEIGHT];
        grey[7] = (byte) 255;
        Analysis crafted = new Analysis(pieces.get(0).info(), 2,
                List.of(new Observation(Long.MAX_VALUE - 1, List.of(awkward)), new Observation(33_366, List.of())),
                List.of(33_366L), List.of(new FrameShift(0, 0, 0), new FrameShift(33_366, -16, 10)),
                new Thumbnail(0, new byte[grey.length]), new Thumbnail(33_366, grey));
        assertThat(roundTrip(crafted)).isEqualTo(crafted);
    }

    @Test
    void jsonOfAnotherShapeIsRefused() {
        var in = new ByteArrayInputStream("{\"version\":1,\"analysis\":null}".getBytes());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SegmentAnalysisJson.read(in))
                .hasMessageContaining("version");
    }

    /** Pieces of 2-6 s with an AAC track from another source than the video: joined, nothing moves. */
    @Test
    void joinedPiecesKeepEveryFrameTimeAndTheSound(@TempDir Path dir) {
        List<Track> tracks = engine.track(Analysis.joined(pieces));
        List<Path> rendered = new ArrayList<>();
        for (Segment segment : segments) {
            Path piece = dir.resolve("piece-" + segment.index() + ".mp4");
            engine.renderSegment(input, tracks, segment, RedactionSettings.defaults(), FAST, piece, ProgressListener.NONE);
            rendered.add(piece);
        }
        Path joined = dir.resolve("joined.mkv");
        assertThat(SegmentJoiner.join(input, rendered, joined, Container.MATROSKA, MetadataPolicy.STRIP)).isEqualTo(200);
        // Matroska moves every stream by the AAC priming (21 ms), as FFmpeg's own stream copy does.
        Path copied = dir.resolve("copied.mkv");
        Tools.ffmpeg("-i", input.toString(), "-c", "copy", copied.toString());
        assertThat(Tools.frameTimes(joined)).hasSize(200).isEqualTo(Tools.frameTimes(copied));
        assertThat(Tools.packetHash(joined, "a:0")).isEqualTo(Tools.packetHash(input, "a:0"));
        Tools.Result decoded = Tools.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", joined.toString(), "-f", "null", "-"), null);
        assertThat(decoded.stderr()).isEmpty();
    }

    private static Analysis roundTrip(Analysis analysis) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SegmentAnalysisJson.write(analysis, out);
        return SegmentAnalysisJson.read(new ByteArrayInputStream(out.toByteArray()));
    }
}
