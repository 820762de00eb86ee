package faceblur.track;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CameraMotionTest {

    /** A crowd: 4 rows of 6 faces, 40 px high, 90 px apart. */
    private static List<Box> crowd() {
        List<Box> faces = new ArrayList<>();
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 6; col++) {
                faces.add(new Box(100 + col * 90 + row * 7, 80 + row * 90, 34, 40));
            }
        }
        return faces;
    }

    private static List<Detection> detections(List<Box> boxes) {
        return boxes.stream().map(b -> new Detection(b, 0.9, List.of())).toList();
    }

    @Test
    void aWhipPanWithAZoomIsFoundFromTheFacesAlone() {
        CameraMotion truth = new CameraMotion(1.04, -150, 35);
        List<Box> before = crowd();
        List<Box> after = new ArrayList<>(before.stream().map(truth::apply).toList());
        after.remove(5);                              // one face missed
        after.add(new Box(900, 600, 40, 44));        // and a stranger
        Optional<CameraMotion> found = CameraMotion.estimate(detections(before), detections(after));
        assertThat(found).isPresent();
        assertThat(found.get().scale()).isCloseTo(1.04, within(0.005));
        // Checked where it matters, on a face: within a pixel.
        Box face = before.get(13);
        assertThat(found.get().apply(face).centerX()).isCloseTo(truth.apply(face).centerX(), within(1.0));
        assertThat(found.get().apply(face).centerY()).isCloseTo(truth.apply(face).centerY(), within(1.0));
    }

    @Test
    void facesGoingTheirOwnWaysAreNoCameraMotion() {
        List<Box> before = List.of(new Box(100, 100, 40, 40), new Box(400, 100, 40, 40), new Box(100, 400, 40, 40));
        List<Box> after = List.of(new Box(160, 100, 40, 40), new Box(400, 40, 40, 40), new Box(50, 430, 40, 40));
        assertThat(CameraMotion.estimate(detections(before), detections(after))).isEmpty();
        assertThat(CameraMotion.estimate(detections(before.subList(0, 2)), detections(after.subList(0, 2)))).isEmpty();
    }

    @Test
    void composingAndInvertingAreExact() {
        CameraMotion a = new CameraMotion(1.1, 20, -5);
        CameraMotion b = new CameraMotion(0.95, -7, 12);
        Box box = new Box(50, 60, 30, 40);
        Box twice = b.apply(a.apply(box));
        Box composed = a.then(b).apply(box);
        assertThat(composed.x()).isCloseTo(twice.x(), within(1e-9));
        assertThat(composed.height()).isCloseTo(twice.height(), within(1e-9));
        Box back = a.inverse().apply(a.apply(box));
        assertThat(back.x()).isCloseTo(box.x(), within(1e-9));
        assertThat(back.width()).isCloseTo(box.width(), within(1e-9));
        assertThat(CameraMotion.NONE.apply(box)).isSameAs(box);
    }

    /**
     * Rows 90 px apart, the camera panning 60 px left and 10 px down while the bottom row goes undetected and
     * two rows come in at the top: more faces land on a face one row up than on their own, so the faces alone
     * vote for a pan of one row. The pan the pictures show settles it.
     */
    @Test
    void aPanByOneRowOfACrowdIsToldFromThePanThePicturesShow() {
        CameraMotion truth = new CameraMotion(1, -60, 10);
        List<Box> before = crowd();
        List<Box> after = new ArrayList<>();
        for (Box b : before) {
            if (b.y() < 80 + 3 * 90) {
                after.add(truth.apply(b));
            }
        }
        for (int row = -2; row < 0; row++) {
            for (int col = 0; col < 6; col++) {
                after.add(truth.apply(new Box(100 + col * 90 + row * 7, 80 + row * 90, 34, 40)));
            }
        }
        CameraMotion alone = CameraMotion.estimate(detections(before), detections(after)).orElseThrow();
        assertThat(alone.dy()).as("faces alone: one row off").isCloseTo(10 - 90, within(8.0));
        // A thumbnail pixel is 20 px here: the pictures say 3 across and 0 down, to a pixel or so.
        Pan pan = new Pan(-60, 0, 40, 40);
        CameraMotion withPan = CameraMotion.estimate(detections(before), detections(after), pan).orElseThrow();
        assertThat(withPan.dx()).isCloseTo(-60, within(1e-6));
        assertThat(withPan.dy()).isCloseTo(10, within(1e-6));
    }
}
