package faceblur.photo;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.DetectorPool;
import faceblur.detect.DetectorSettings;
import faceblur.eval.GroundTruthFace;
import faceblur.eval.WiderFaceAnnotations;
import faceblur.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** The enlarged pass on a real crowd photo, judged against the faces people marked in it. */
class PhotoDetectorTest {

    private static final Path WIDER = Media.shared().resolve("eval/wider-val-dev");
    /** A parade seen from afar: 114 valid faces under 16 px. */
    private static final String PARADE = "0--Parade/0_Parade_Parade_0_164.jpg";

    /** Marked faces under 16 px that some detection overlaps with IoU >= 0.5. */
    private static long smallFacesFound(List<Box> marked, List<Detection> found) {
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
            long plain = smallFacesFound(small, detector.normalPass(picture));
            long both = smallFacesFound(small, detector.detect(picture));
            System.out.printf("%s: %d of %d faces under 16 px found by the plain pass, %d with the enlarged one%n",
                    PARADE, plain, small.size(), both);
            assertThat(both).isGreaterThan(plain + small.size() / 10);
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
