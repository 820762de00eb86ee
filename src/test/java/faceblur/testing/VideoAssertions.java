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
}
