package faceblur.shot;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cut decision on made-up pictures; ShotCutMediaTest checks it on real videos. */
class ShotCutTest {

    private static final int W = Thumbnail.WIDTH;
    private static final int H = Thumbnail.HEIGHT;

    /** A smooth random landscape, larger than a thumbnail, to look at through a moving window. */
    private static int[][] scene(long seed) {
        Random random = new Random(seed);
        int[][] coarse = new int[H * 3 / 6 + 1][W * 3 / 6 + 1];
        for (int[] row : coarse) {
            for (int x = 0; x < row.length; x++) {
                row[x] = random.nextInt(256);
            }
        }
        int[][] scene = new int[H * 3][W * 3];
        for (int y = 0; y < scene.length; y++) {
            for (int x = 0; x < scene[0].length; x++) {
                double cy = y / 6.0;
                double cx = x / 6.0;
                int y0 = (int) cy;
                int x0 = (int) cx;
                double fy = cy - y0;
                double fx = cx - x0;
                scene[y][x] = (int) Math.round(coarse[y0][x0] * (1 - fx) * (1 - fy) + coarse[y0][x0 + 1] * fx * (1 - fy)
                        + coarse[y0 + 1][x0] * (1 - fx) * fy + coarse[y0 + 1][x0 + 1] * fx * fy);
            }
        }
        return scene;
    }

    private static Thumbnail view(int[][] scene, int left, int top, double gain, int offset) {
        byte[] luma = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                luma[y * W + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(scene[top + y][left + x] * gain) + offset));
            }
        }
        return new Thumbnail(0, luma);
    }

    private static Thumbnail flat(int level) {
        byte[] luma = new byte[W * H];
        java.util.Arrays.fill(luma, (byte) level);
        return new Thumbnail(0, luma);
    }

    @Test
    void theSamePictureIsNoChange() {
        Thumbnail t = view(scene(1), 10, 10, 1, 0);
        assertThat(ShotCut.change(t, t)).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aPanOfAQuarterOfThePictureIsNoCut() {
        int[][] scene = scene(2);
        Thumbnail before = view(scene, 40, 30, 1, 0);
        assertThat(ShotCut.between(before, view(scene, 40 + 15, 30 - 9, 1, 0))).isFalse();
        assertThat(ShotCut.between(before, view(scene, 40 - 3, 30 + 2, 1, 0))).isFalse();
    }

    @Test
    void aFlashOrAFadeIsNoCut() {
        int[][] scene = scene(3);
        Thumbnail before = view(scene, 20, 20, 1, 0);
        assertThat(ShotCut.between(before, view(scene, 20, 20, 1.4, 40))).isFalse();
        assertThat(ShotCut.between(before, view(scene, 20, 20, 0.3, 0))).isFalse();
    }

    @Test
    void anotherSceneIsACut() {
        assertThat(ShotCut.between(view(scene(4), 20, 20, 1, 0), view(scene(5), 20, 20, 1, 0))).isTrue();
    }

    @Test
    void aPanBeyondTheSearchIsACutNotAMatch() {
        int[][] scene = scene(6);
        // Half the picture in one frame: no shift lines the two up, as after a cut.
        assertThat(ShotCut.change(view(scene, 0, 0, 1, 0), view(scene, W, H, 1, 0))).isGreaterThan(ShotCut.THRESHOLD);
    }

    @Test
    void blackToPictureIsACutAndBlackToBlackIsNot() {
        Thumbnail picture = view(scene(7), 0, 0, 1, 0);
        assertThat(ShotCut.between(flat(0), picture)).isTrue();
        assertThat(ShotCut.between(picture, flat(16))).isTrue();
        assertThat(ShotCut.between(flat(0), flat(16))).isFalse();
    }

    @Test
    void thumbnailsHaveOneSizeAndCompareByContent() {
        assertThatThrownBy(() -> new Thumbnail(0, new byte[10])).hasMessageContaining(String.valueOf(W * H));
        byte[] luma = new byte[W * H];
        Thumbnail t = new Thumbnail(5, luma);
        luma[0] = 1;
        assertThat(t).isEqualTo(new Thumbnail(5, new byte[W * H])).isNotEqualTo(new Thumbnail(5, luma));
    }
}
