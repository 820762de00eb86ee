package faceblur.detect;

import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import faceblur.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** faceblur's ONNX Runtime session options: the faster default finds exactly what the former one found. */
class SessionTuningTest {

    /** Until bench/session-options: full optimisation, the arena, and the memory-pattern planner. */
    private static final SessionTuning FORMER = new SessionTuning(OptLevel.ALL_OPT, true, true, ExecutionMode.SEQUENTIAL);

    private static List<Detection> detect(SessionTuning tuning, Mat image, double scale) throws Exception {
        DetectorSettings one = new DetectorSettings(DetectorSettings.DEFAULT_THRESHOLD, 0.3, 1.0, 1);
        try (FaceDetector detector = new FaceDetector(Media.model(), one, tuning)) {
            detector.detect(image, scale); // a second run of the same size, where the planner's buffers apply
            return detector.detect(image, scale);
        }
    }

    /**
     * The memory-pattern planner cost time on the detector's pictures (bench/session-options: about a third of
     * the time per 720p frame) and is off by default; the faces must not change with it, at either size the
     * detection schedule uses.
     */
    @Test
    void theDefaultSkipsTheMemoryPlannerAndFindsTheSameFaces() throws Exception {
        assertThat(SessionTuning.DEFAULT.memoryPattern()).isFalse();
        Path frame = Media.fixture("megamind-frame-40.png", "-i", Media.media("megamind.mp4").toString(),
                "-vf", "select=eq(n\\,40)", "-frames:v", "1");
        try (Mat image = imread(frame.toString())) {
            for (double scale : new double[]{1.0, 0.5}) {
                List<Detection> former = detect(FORMER, image, scale);
                assertThat(former).as("faces at scale " + scale).isNotEmpty();
                assertThat(detect(SessionTuning.DEFAULT, image, scale)).as("scale " + scale).isEqualTo(former);
            }
        }
    }
}
