package faceblur.testing;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks on whole videos, made with ffprobe. */
public final class VideoAssertions {

    private VideoAssertions() {
    }

    /**
     * Same number of frames, each shown at the same time (to the millisecond), counted from the start of the
     * file: an input that starts late (MPEG-TS) gives an output starting at zero, as FFmpeg's own copy does.
     */
    public static void assertSameFrameTimes(Path input, Path output) {
        double start = Math.max(0, Double.parseDouble(Tools.ffprobe("-show_entries", "format=start_time", "-of",
                "default=nw=1:nk=1", input.toString())));
        List<Double> before = Tools.frameTimes(input).stream().map(t -> t - start).toList();
        List<Double> after = Tools.frameTimes(output);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).isNaN()) {
                continue; // the input does not say when this frame is shown
            }
            assertThat(after.get(i)).as("time of frame %d", i).isCloseTo(before.get(i), within(0.001));
        }
    }

    /**
     * Two renders of one video draw the same masks: same frame count, and on every frame fewer than
     * {@code maxPixels} pixels differ by more than x264's own noise (30 grey levels), a sliver along a mask's
     * edge that a box rounded to float ratios in JSON can move by a pixel.
     */
    public static void assertSameMasks(Path a, Path b, int maxPixels) {
        List<Gray> first = Tools.grayFrames(a);
        List<Gray> second = Tools.grayFrames(b);
        assertThat(second).hasSameSizeAs(first);
        for (int n = 0; n < first.size(); n++) {
            byte[] p = first.get(n).pixels();
            byte[] q = second.get(n).pixels();
            int differing = 0;
            for (int i = 0; i < p.length; i++) {
                differing += Math.abs((p[i] & 0xff) - (q[i] & 0xff)) > 30 ? 1 : 0;
            }
            assertThat(differing).as("pixels of frame %d masked by one and not the other", n).isLessThan(maxPixels);
        }
    }
}
