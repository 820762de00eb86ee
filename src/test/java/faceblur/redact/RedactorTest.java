package faceblur.redact;

import faceblur.detect.Box;
import faceblur.video.Rgb;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

class RedactorTest {

    /** A 200x100 checkerboard of 4-pixel squares: full of detail everywhere. */
    private static Mat checkerboard() {
        Mat m = new Mat(100, 200, CV_8UC3);
        try (UByteIndexer ix = m.createIndexer()) {
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 200; x++) {
                    int v = ((x / 4 + y / 4) % 2) * 255;
                    for (int c = 0; c < 3; c++) {
                        ix.put(y, x, c, v);
                    }
                }
            }
        }
        return m;
    }

    /** Mean absolute difference between horizontal neighbours over a rectangle (channel 0). */
    private static double detail(Mat m, int x0, int y0, int x1, int y1) {
        double sum = 0;
        try (UByteIndexer ix = m.createIndexer()) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1 - 1; x++) {
                    sum += Math.abs(ix.get(y, x, 0) - ix.get(y, x + 1, 0));
                }
            }
        }
        return sum / ((y1 - y0) * (x1 - x0 - 1));
    }

    @Test
    void blurRemovesDetailInsideAndLeavesTheRest() {
        try (Mat frame = checkerboard()) {
            double outsideBefore = detail(frame, 150, 0, 200, 100);
            new Redactor(new RedactionSettings(Style.BLUR, Shape.BOX, 1.0)).apply(frame, List.of(new Box(20, 20, 60, 60)));
            assertThat(detail(frame, 22, 22, 78, 78)).isLessThan(5);
            assertThat(detail(frame, 150, 0, 200, 100)).isEqualTo(outsideBefore);
        }
    }

    @Test
    void faceAtTheEdgeIsHiddenUpToTheEdge() {
        try (Mat frame = checkerboard()) {
            new Redactor(new RedactionSettings(Style.PIXELATE, Shape.ELLIPSE, 1.0))
                    .apply(frame, List.of(new Box(160, -20, 80, 80)));
            // The ellipse's centre (200, 20) is at the frame's right edge: the pixels next to it are hidden.
            assertThat(detail(frame, 185, 10, 200, 30)).isLessThan(30);
        }
    }

    @Test
    void fillIsBlackAndBoxesOutsideTheFrameAreIgnored() {
        try (Mat frame = checkerboard()) {
            new Redactor(new RedactionSettings(Style.FILL, Shape.BOX, 1.0))
                    .apply(frame, List.of(new Box(10, 10, 20, 20), new Box(500, 500, 10, 10)));
            try (UByteIndexer ix = frame.createIndexer()) {
                assertThat(ix.get(20, 20, 1)).isZero();
                assertThat(ix.get(20, 10 + 20 + 8, 1) + ix.get(20, 10 + 20 + 4, 1)).isEqualTo(255);
            }
        }
    }

    /** Blur averages colour rather than replacing it, and leaves the box's corners outside the ellipse alone. */
    @Test
    void ellipseBlurKeepsTheMeanAndTheCorners() {
        try (Mat frame = checkerboard(); Mat before = frame.clone()) {
            new Redactor(new RedactionSettings(Style.BLUR, Shape.ELLIPSE, 1.0)).apply(frame, List.of(new Box(40, 10, 80, 80)));
            try (UByteIndexer now = frame.createIndexer(); UByteIndexer was = before.createIndexer()) {
                double sum = 0;
                int n = 0;
                for (int y = 40; y < 60; y++) {
                    for (int x = 70; x < 90; x++) {
                        sum += now.get(y, x, 0);
                        n++;
                    }
                }
                assertThat(sum / n).isCloseTo(127.5, within(12.0));
                // The box's corners lie outside its ellipse: untouched.
                for (int[] corner : new int[][]{{40, 10}, {119, 10}, {40, 89}, {119, 89}, {45, 15}}) {
                    assertThat(now.get(corner[1], corner[0], 0)).isEqualTo(was.get(corner[1], corner[0], 0));
                }
                // The middle of each side is inside it: changed somewhere along each.
                assertThat(detail(frame, 78, 12, 82, 18)).isLessThan(detail(before, 78, 12, 82, 18));
            }
        }
    }

    /**
     * Blur and pixelation mix pixels, never channels: with detail in blue only and green and red each one flat
     * value, green and red keep their values inside the mask while blue loses its detail.
     */
    @Test
    void eachChannelIsHiddenOnItsOwn() {
        for (Style style : List.of(Style.BLUR, Style.PIXELATE)) {
            try (Mat frame = checkerboard()) {
                try (UByteIndexer ix = frame.createIndexer()) {
                    for (int y = 0; y < 100; y++) {
                        for (int x = 0; x < 200; x++) {
                            ix.put(y, x, 1, 0);
                            ix.put(y, x, 2, 200);
                        }
                    }
                }
                new Redactor(new RedactionSettings(style, Shape.BOX, 1.0)).apply(frame, List.of(new Box(30, 10, 80, 80)));
                assertThat(detail(frame, 40, 20, 100, 80)).as(style + ": blue hidden").isLessThan(40);
                try (UByteIndexer ix = frame.createIndexer()) {
                    for (int y = 10; y < 90; y++) {
                        for (int x = 30; x < 110; x++) {
                            assertThat(ix.get(y, x, 1)).as(style + " green at " + x + "," + y).isZero();
                            assertThat(ix.get(y, x, 2)).as(style + " red at " + x + "," + y).isEqualTo(200);
                        }
                    }
                }
            }
        }
    }

    /** The number of places along row {@code y}, from {@code x0} to {@code x1}, where channel 0 changes value. */
    private static int changesAlong(Mat m, int y, int x0, int x1) {
        int changes = 0;
        try (UByteIndexer ix = m.createIndexer()) {
            for (int x = x0 + 1; x < x1; x++) {
                if (ix.get(y, x, 0) != ix.get(y, x - 1, 0)) {
                    changes++;
                }
            }
        }
        return changes;
    }

    @Test
    void pixelationHasTheChosenNumberOfBlocksAcross() {
        for (int blocks : new int[] {4, 10, 24}) {
            try (Mat frame = picture((x, y) -> x)) {
                RedactionSettings settings = new RedactionSettings(Style.PIXELATE, Shape.BOX, 1.0, BlurStrength.HIGH,
                        blocks, Rgb.BLACK);
                new Redactor(settings).apply(frame, List.of(new Box(20, 10, 96, 80)));
                // On a ramp each block has its own mean: one change of value per block edge, none inside a block.
                assertThat(changesAlong(frame, 50, 20, 116)).as(blocks + " blocks").isEqualTo(blocks - 1);
            }
        }
    }

    @Test
    void weakerBlurLeavesMoreDetailAndHighIsTheDefault() {
        assertThat(RedactionSettings.defaults().blurStrength()).isEqualTo(BlurStrength.HIGH);
        double previous = -1;
        for (BlurStrength strength : List.of(BlurStrength.HIGH, BlurStrength.MEDIUM, BlurStrength.LOW)) {
            java.util.Random noise = new java.util.Random(7);
            try (Mat frame = picture((x, y) -> noise.nextInt(256))) {
                new Redactor(new RedactionSettings(Style.BLUR, Shape.BOX, 1.0, strength, 10, Rgb.BLACK))
                        .apply(frame, List.of(new Box(20, 10, 160, 80)));
                double left = detail(frame, 22, 12, 178, 88);
                assertThat(left).as(strength + " leaves more than the stronger blur").isGreaterThan(previous);
                previous = left;
            }
        }
    }

    /** A 200x100 grey picture with the given value at each pixel. */
    private static Mat picture(java.util.function.IntBinaryOperator value) {
        Mat m = new Mat(100, 200, CV_8UC3);
        try (UByteIndexer ix = m.createIndexer()) {
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 200; x++) {
                    int v = value.applyAsInt(x, y);
                    for (int c = 0; c < 3; c++) {
                        ix.put(y, x, c, v);
                    }
                }
            }
        }
        return m;
    }

    @Test
    void fillTakesTheChosenColourInEachChannel() {
        try (Mat frame = checkerboard()) {
            new Redactor(new RedactionSettings(Style.FILL, Shape.BOX, 1.0, BlurStrength.HIGH, 10, Rgb.parse("#ff8800")))
                    .apply(frame, List.of(new Box(10, 10, 20, 20)));
            try (UByteIndexer ix = frame.createIndexer()) {
                assertThat(new int[] {ix.get(20, 20, 0), ix.get(20, 20, 1), ix.get(20, 20, 2)})
                        .containsExactly(0x00, 0x88, 0xff);
            }
        }
    }

    @Test
    void outlineIsNotAWayToHide() {
        assertThat(Style.OUTLINE.hides()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Redactor(new RedactionSettings(Style.OUTLINE, Shape.BOX, 1.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
