package faceblur.detect;

import faceblur.testing.Jvm;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * Finding faces writes no identifier into the user's home: ONNX Runtime's telemetry is off, so no
 * {@code ~/.cache/Microsoft/DeveloperTools/.onnxruntime/deviceid} (an identifier) appears. HOME and user.home
 * point at an empty folder for the run.
 */
class OnnxTelemetryTest {

    @TempDir
    Path home;

    @Test
    void detectingWritesNoDeviceIdIntoHome() throws Exception {
        ProcessBuilder pb = Jvm.process(OnnxTelemetryTest.class.getName(), Media.model().toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        Tools.Result r = Tools.run(pb);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out()).contains("detected");
        try (Stream<Path> written = Files.walk(home)) {
            // faceblur's own caches (native libraries) may appear; nothing of Microsoft's.
            assertThat(written.map(home::relativize).map(Path::toString)).noneMatch(p -> p.contains("Microsoft"))
                    .anyMatch(p -> p.contains("onnxruntime"));
        }
    }

    public static void main(String[] args) throws Exception {
        try (FaceDetector detector = new FaceDetector(Path.of(args[0]), DetectorSettings.defaults());
             Mat grey = new Mat(120, 160, CV_8UC3, new Scalar(128, 128, 128, 0))) {
            System.out.println("detected " + detector.detect(grey).size());
        }
    }
}
