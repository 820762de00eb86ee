package faceblur.detect;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class YuNetDecoderTest {

    /** One confident cell at row 1, column 2 of the stride-8 grid of a 32x16 input. */
    @Test
    void decodesOneCell() {
        int cells = (32 / 8) * (16 / 8);
        float[] cls = new float[cells];
        float[] obj = new float[cells];
        float[] bbox = new float[cells * 4];
        float[] kps = new float[cells * 10];
        int i = 1 * 4 + 2;
        cls[i] = 0.81f;
        obj[i] = 1.0f;
        bbox[4 * i] = 0.5f;                      // centre x offset in cells
        bbox[4 * i + 1] = 0.25f;                 // centre y offset
        bbox[4 * i + 2] = (float) Math.log(2);   // width: 2 cells
        bbox[4 * i + 3] = (float) Math.log(3);   // height: 3 cells
        kps[10 * i] = 0.1f;
        kps[10 * i + 1] = 0.2f;
        var outputs = List.of(new YuNetDecoder.StrideOutputs(8, FloatBuffer.wrap(cls), FloatBuffer.wrap(obj),
                FloatBuffer.wrap(bbox), FloatBuffer.wrap(kps)));

        List<Detection> found = YuNetDecoder.candidates(outputs, 32, 16, 0.5);

        assertThat(found).hasSize(1);
        Detection d = found.get(0);
        assertThat(d.confidence()).isCloseTo(0.9, within(1e-6));   // sqrt(0.81 * 1)
        // centre (2.5 * 8, 1.25 * 8) = (20, 10); size 16 x 24
        assertThat(d.box().x()).isCloseTo(12, within(1e-4));
        assertThat(d.box().y()).isCloseTo(-2, within(1e-4));
        assertThat(d.box().width()).isCloseTo(16, within(1e-4));
        assertThat(d.box().height()).isCloseTo(24, within(1e-4));
        assertThat(d.landmarks().get(0).x()).isCloseTo((2 + 0.1) * 8, within(1e-4));
        assertThat(d.landmarks().get(0).y()).isCloseTo((1 + 0.2) * 8, within(1e-4));
        assertThat(YuNetDecoder.candidates(outputs, 32, 16, 0.95)).isEmpty();
    }

    @Test
    void suppressionKeepsTheBestOfOverlappingBoxes() {
        Detection best = new Detection(new Box(0, 0, 10, 10), 0.9, List.of());
        Detection overlapping = new Detection(new Box(1, 1, 10, 10), 0.8, List.of());
        Detection apart = new Detection(new Box(50, 50, 10, 10), 0.6, List.of());
        assertThat(YuNetDecoder.nonMaximumSuppression(List.of(overlapping, apart, best), 0.3))
                .containsExactly(best, apart);
    }
}
