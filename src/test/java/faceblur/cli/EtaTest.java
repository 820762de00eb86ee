package faceblur.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EtaTest {

    private static final long SECOND = 1_000_000_000L;

    /** A 10 s clip (250 frames) whose first frame waits 8 s for the model: no half-hour promise at the start. */
    @Test
    void saysNothingUntilTheRateSettlesThenTheTruth() {
        Eta eta = new Eta();
        long firstFrame = 8 * SECOND;
        assertThat(eta.at(firstFrame, 1, 250)).isEmpty();
        // 50 frames a second from then on
        assertThat(eta.at(firstFrame + SECOND, 51, 250)).as("one second in: too soon").isEmpty();
        Duration left = eta.at(firstFrame + 3 * SECOND, 151, 250).orElseThrow();
        // 99 frames at 50 fps: about 2 s, where the rate since the start (151 frames in 11 s) says 7 s
        assertThat(left.toMillis()).isBetween(1900L, 2100L);
    }

    @Test
    void nothingWithoutATotalOrWhenDone() {
        Eta eta = new Eta();
        assertThat(eta.at(SECOND, 5, 0)).isEmpty();
        assertThat(eta.at(10 * SECOND, 100, 100)).isEmpty();
    }
}
