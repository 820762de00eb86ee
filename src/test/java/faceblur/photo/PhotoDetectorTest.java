package faceblur.photo;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.DetectorPool;
import faceblur.detect.DetectorSettings;
import faceblur.eval.GroundTruthFace;
import faceblur.eval.WiderFaceAnnotations;
import faceblur.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/** The enlarged pass on a real crowd photo, judged against the faces people marked in it. */
class PhotoDetectorTest {

    private static final Path WIDER = Media.shared().resolve("eval/wider-val-dev");
    /** A parade seen from afar: 114 valid faces under 16 px. */
    private static final String PARADE = "0--Parade/0_Parade_Parade_0_164.jpg";

    /** Marked faces that some detection overlaps with IoU >= 0.5. */
    private static long facesFound(List<Box> marked, List<Detection> found) {
        return marked.stream().filter(m -> found.stream().anyMatch(d -> d.box().iou(m) >= 0.5)).count();
    }

    @Test
    void enlargedPassFindsSmallFacesThePlainPassMisses() {
        List<Box> small = WiderFaceAnnotations.read(WIDER.resolve("wider_face_val_bbx_gt.txt")).stream()
                .filter(i -> i.file().equals(PARADE)).findFirst().orElseThrow().faces().stream()
                .filter(f -> !f.invalid() && f.box().height() < 16).map(GroundTruthFace::box).toList();
        assertThat(small).hasSizeGreaterThan(100);
        try (DetectorPool pool = new DetectorPool(Media.model(), DetectorSettings.defaults());
             Mat picture = imread(WIDER.resolve("images").resolve(PARADE).toString())) {
            PhotoDetector detector = new PhotoDetector(pool);
            long plain = facesFound(small, detector.normalPass(picture));
            long both = facesFound(small, detector.detect(picture));
            System.out.printf("%s: %d of %d faces under 16 px found by the plain pass, %d with the enlarged one%n",
                    PARADE, plain, small.size(), both);
            assertThat(both).isGreaterThan(plain + small.size() / 10);
        }
    }

    /** A parade photo enlarged to a 12-megapixel portrait's size: two faces of 1000 px and more. */
    @Test
    void shrunkPassFindsFacesTooLargeForThePlainPass() {
        String close = "0--Parade/0_Parade_Parade_0_545.jpg";
        List<Box> large = WiderFaceAnnotations.read(WIDER.resolve("wider_face_val_bbx_gt.txt")).stream()
                .filter(i -> i.file().equals(close)).findFirst().orElseThrow().faces().stream()
                .filter(f -> !f.invalid()).map(f -> f.box().times(4)).toList();
        assertThat(large).hasSize(2).allMatch(b -> b.height() > 1000);
        try (DetectorPool pool = new DetectorPool(Media.model(), DetectorSettings.defaults());
             Mat original = imread(WIDER.resolve("images").resolve(close).toString());
             Mat picture = new Mat()) {
            resize(original, picture, new Size(original.cols() * 4, original.rows() * 4));
            PhotoDetector detector = new PhotoDetector(pool);
            long plain = facesFound(large, detector.normalPass(picture));
            long all = facesFound(large, detector.detect(picture));
            System.out.printf("%s enlarged 4x: %d of %d faces found by the plain pass, %d by all passes%n", close,
                    plain, large.size(), all);
            assertThat(all).isEqualTo(large.size()).isGreaterThan(plain);
        }
    }

    @Test
    void tilesCoverEverySideWithOverlap() {
        assertThat(PhotoDetector.starts(700)).containsExactly(0);
        assertThat(PhotoDetector.starts(1024)).containsExactly(0);
        assertThat(PhotoDetector.starts(1025)).containsExactly(0, 960);
        assertThat(PhotoDetector.starts(3000)).containsExactly(0, 960, 1920, 2880);
    }
}
