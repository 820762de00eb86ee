package faceblur.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void delaysDoubleUpToAnHour() {
        Backoff<Void> b = new Backoff<>(Duration.ofSeconds(30), null, c -> { }, () -> 1.0);
        assertThat(b.delay(0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.delay(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(b.delay(20)).isEqualTo(Duration.ofHours(1));
        assertThat(b.givesUp(1_000)).as("the plain backoff never gives up").isFalse();
    }

    /** Many executions failing together (a receiver down) come back spread out, each within a fifth of its delay. */
    @Test
    void delaysAreSpreadByUpToAFifth() {
        Backoff<Void> b = new Backoff<>(Duration.ofSeconds(30));
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Duration d = b.spread(Duration.ofSeconds(60));
            assertThat(d).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
            seen.add(d);
        }
        assertThat(seen).as("fifty retries at fifty different times, near enough").hasSizeGreaterThan(10);
    }

    /** Notifications give up once their failures in a row would have waited more than a day. */
    @Test
    void notificationsGiveUpAfterADay() {
        Backoff<Void> b = new Backoff<>(Duration.ofSeconds(30), Notifications.GIVE_UP_AFTER, c -> { }, () -> 1.0);
        int tries = 0;
        while (!b.givesUp(tries)) {
            tries++;
        }
        // Waits of 30 s, 1, 2, 4, 8, 16, 32 min (63.5 min), then an hour each: the 30th failure in a row would
        // take the wait past 24 h, so it is the last delivery tried
        assertThat(tries).isEqualTo(29);
    }
}
