package faceblur.eval;

import faceblur.detect.Box;
import faceblur.redact.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HiddenAreaTest {

    /** One detection hiding exactly pixels 20..59 in x and y of a 100x100 image. */
    private static HiddenArea box(List<Box> detections) {
        return new HiddenArea(100, 100, detections, Shape.BOX, 1.0);
    }

    @Test
    void faceInsideHalfInsideAndOutsideTheMask() {
        try (HiddenArea hidden = box(List.of(new Box(20, 20, 40, 40)))) {
            assertThat(hidden.share(new Box(30, 30, 10, 10))).isEqualTo(1.0);
            assertThat(hidden.share(new Box(50, 30, 20, 10))).isEqualTo(0.5);
            assertThat(hidden.share(new Box(70, 70, 10, 10))).isEqualTo(0.0);
        }
    }

    @Test
    void masksOfSeveralDetectionsAddUp() {
        try (HiddenArea hidden = box(List.of(new Box(0, 0, 10, 20), new Box(15, 0, 5, 20)))) {
            // Face 0..19 x 0..9: columns 0-9 and 15-19 hidden, 10-14 not.
            assertThat(hidden.share(new Box(0, 0, 20, 10))).isEqualTo(0.75);
        }
    }

    @Test
    void partOfAFaceOutsideTheImageDoesNotCount() {
        try (HiddenArea hidden = box(List.of(new Box(90, 0, 10, 10)))) {
            assertThat(hidden.share(new Box(90, 0, 20, 10))).isEqualTo(1.0);
        }
    }

    @Test
    void ellipseScaledByTheMaskScaleCoversTheFaceButNotItsFarCorners() {
        // Scaled 1.3 about its centre, a 40x40 face gets an ellipse (circle) of radius 26 centred at (40, 40).
        try (HiddenArea hidden = new HiddenArea(100, 100, List.of(new Box(20, 20, 40, 40)), Shape.ELLIPSE, 1.3)) {
            // The inner 20x20 square's corners are 14 px from the centre: inside.
            assertThat(hidden.share(new Box(30, 30, 20, 20))).isEqualTo(1.0);
            // The face's own corners are 28 px away: the circle leaves them, about 1.5% of the face.
            assertThat(hidden.share(new Box(20, 20, 40, 40))).isBetween(0.97, 0.995);
            // The corner pixel of the face box (centre 27.6 px away) is outside.
            assertThat(hidden.share(new Box(20, 20, 1, 1))).isEqualTo(0.0);
        }
    }

    @Test
    void withoutDetectionsNothingIsHidden() {
        try (HiddenArea hidden = box(List.of())) {
            assertThat(hidden.share(new Box(0, 0, 100, 100))).isCloseTo(0, within(0.0));
        }
    }
}
