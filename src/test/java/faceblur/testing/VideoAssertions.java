package faceblur.testing;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks on whole videos, made with ffprobe. */
public final class VideoAssertions {

    private VideoAssertions() {
    }

    /** Same number of frames, each shown at the same time (to the millisecond). */
    public static void assertSameFrameTimes(Path input, Path output) {
        List<Double> before = Tools.frameTimes(input);
        List<Double> after = Tools.frameTimes(output);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).isNaN()) {
                continue; // the input does not say when this frame is shown
            }
            assertThat(after.get(i)).as("time of frame %d", i).isCloseTo(before.get(i), within(0.001));
        }
    }
}
