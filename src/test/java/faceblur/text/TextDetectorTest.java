package faceblur.text;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;

class TextDetectorTest {

    static Path model() {
        return Media.shared().resolve("models/ch_PP-OCRv4_det_infer.onnx");
    }

    /** The blob is RGB, (v / 255 - mean) / std per channel, as the model was trained. */
    @Test
    void normalisesAsPaddleOcrDoes() {
        try (Mat bgr = new Mat(64, 64, CV_8UC3, new Scalar(10, 128, 250, 0)); Mat scaled = new Mat();
             Mat blob = TextDetector.normalised(bgr, new Size(32, 32), scaled)) {
            FloatBuffer data = blob.createBuffer();
            int plane = 32 * 32;
            assertThat(data.get(5)).isCloseTo((float) ((250 / 255.0 - 0.485) / 0.229), offset(1e-4f));
            assertThat(data.get(plane + 5)).isCloseTo((float) ((128 / 255.0 - 0.456) / 0.224), offset(1e-4f));
            assertThat(data.get(2 * plane + 5)).isCloseTo((float) ((10 / 255.0 - 0.406) / 0.225), offset(1e-4f));
        }
    }

    /** Large pictures shrink to maxSide; each side is then rounded up to a multiple of 32, never down. */
    @Test
    void networkSizeIsBoundedAndAligned() {
        Size hd = TextDetector.networkSize(1280, 720, 960);
        assertThat(new int[]{hd.width(), hd.height()}).containsExactly(960, 544);
        Size small = TextDetector.networkSize(412, 267, 960);
        assertThat(new int[]{small.width(), small.height()}).containsExactly(416, 288);
        Size aligned = TextDetector.networkSize(640, 480, 960);
        assertThat(new int[]{aligned.width(), aligned.height()}).containsExactly(640, 480);
    }

    /** A region's box is grown by DB's unclip distance; a tiny and a faint region are dropped. */
    @Test
    void regionsArePaddedAndNoiseDropped() {
        int w = 100;
        int h = 50;
        float[] map = new float[w * h];
        fill(map, w, 10, 20, 40, 10, 0.9f);   // a word's core
        fill(map, w, 70, 5, 2, 2, 0.9f);      // two pixels: noise
        fill(map, w, 70, 30, 20, 10, 0.35f);  // above the pixel threshold, but faint on the whole
        List<Detection> found = TextRegions.find(map, w, h, 0.3, 0.5);
        assertThat(found).hasSize(1);
        Box box = found.get(0).box();
        double d = 40 * 10 * 1.5 / (2 * 50.0);
        assertThat(box.x()).isCloseTo(10 - d, offset(1e-9));
        assertThat(box.width()).isCloseTo(40 + 2 * d, offset(1e-9));
        assertThat(found.get(0).confidence()).isCloseTo(0.9, offset(1e-6));
    }

    /**
     * A plate's country letter and its number, found as two pieces of one line (as in plates-eu eu1), come out
     * as one box holding both; the next line below, and a word far along the same line, stay apart.
     */
    @Test
    void piecesOfOneLineAreJoined() {
        int w = 200;
        int h = 100;
        float[] map = new float[w * h];
        fill(map, w, 20, 22, 4, 8, 0.9f);    // the country letter: smaller, inside the number's height
        fill(map, w, 34, 20, 60, 12, 0.95f); // the number, 10 px further along: well under a line's height
        fill(map, w, 20, 60, 74, 12, 0.9f);  // the next line, below
        fill(map, w, 160, 20, 30, 12, 0.9f); // a word far along the same line
        List<Detection> found = TextRegions.find(map, w, h, 0.3, 0.5);
        assertThat(found).hasSize(3);
        Box letter = TextRegions.unclipped(new Box(20, 22, 4, 8));
        Box number = TextRegions.unclipped(new Box(34, 20, 60, 12));
        Box plate = found.stream().map(Detection::box).filter(b -> b.intersectionArea(number) > 0 && b.y() < 40)
                .filter(b -> b.x() < 100).findFirst().orElseThrow();
        assertThat(plate).isEqualTo(letter.union(number));
        assertThat(found).filteredOn(d -> d.box().y() > 40).singleElement()
                .satisfies(d -> assertThat(d.box().bottom()).isLessThan(h));
        assertThat(found).filteredOn(d -> d.box().x() > 100).singleElement()
                .satisfies(d -> assertThat(d.box().x()).isGreaterThan(number.right()));
    }

    /** Two boxes are one line only when they share most of the lower one's height and lie close along it. */
    @Test
    void oneLineNeedsSharedHeightAndASmallGap() {
        Box word = new Box(0, 0, 100, 20);
        assertThat(TextRegions.oneLine(word, new Box(110, 5, 50, 10))).isTrue();   // 10 px gap, inside its height
        assertThat(TextRegions.oneLine(word, new Box(125, 0, 50, 20))).isFalse();  // gap of 1.25 heights
        assertThat(TextRegions.oneLine(word, new Box(0, 16, 100, 20))).isFalse();  // the line below: shares 4 px
    }

    private static void fill(float[] map, int width, int x, int y, int w, int h, float value) {
        for (int r = y; r < y + h; r++) {
            Arrays.fill(map, r * width + x, r * width + x + w, value);
        }
    }

    /** Printed text on a plain picture is found, its box covering the letters. */
    @Test
    void findsPrintedText() {
        try (Mat picture = new Mat(720, 1280, CV_8UC3, new Scalar(200, 200, 200, 0));
             TextDetector detector = new TextDetector(model(), TextSettings.defaults(2))) {
            String text = "AB 123 CD";
            int[] baseline = new int[1];
            Size extent = getTextSize(text, FONT_HERSHEY_SIMPLEX, 1.5, 4, baseline);
            putText(picture, text, new Point(500, 420), FONT_HERSHEY_SIMPLEX, 1.5, new Scalar(0, 0, 0, 0), 4, 8, false);
            List<Detection> found = detector.detect(picture);
            Box letters = new Box(500, 420 - extent.height(), extent.width(), extent.height());
            double covered = found.stream().mapToDouble(d -> d.box().intersectionArea(letters)).sum();
            assertThat(covered / letters.area()).isGreaterThan(0.95);
            assertThat(found).allSatisfy(d -> assertThat(d.box().area()).isLessThan(letters.area() * 4));
        }
    }
}
