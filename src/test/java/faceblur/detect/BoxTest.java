package faceblur.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BoxTest {

    @Test
    void iouOfKnownOverlaps() {
        Box a = new Box(0, 0, 10, 10);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new Box(20, 20, 5, 5))).isZero();
        // Half of a, shifted: intersection 50, union 150.
        assertThat(a.iou(new Box(5, 0, 10, 10))).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void scalingKeepsTheCentre() {
        Box b = new Box(10, 20, 100, 50).scaledAboutCenter(1.5);
        assertThat(b.centerX()).isCloseTo(60, within(1e-9));
        assertThat(b.centerY()).isCloseTo(45, within(1e-9));
        assertThat(b.width()).isCloseTo(150, within(1e-9));
    }

    @Test
    void clippingToTheFrame() {
        Box b = new Box(-10, -5, 30, 30).clippedTo(15, 100);
        assertThat(b).isEqualTo(new Box(0, 0, 15, 25));
        assertThat(new Box(200, 200, 5, 5).clippedTo(100, 100).area()).isZero();
    }
}
