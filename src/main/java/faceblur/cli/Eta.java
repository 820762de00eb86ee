package faceblur.cli;

import java.time.Duration;
import java.util.Optional;

/**
 * Time left, said only once it can be believed. The first frame of a pass waits for the libraries, the model
 * and the decoder to start; a rate measured from the pass's start then promises half an hour for a ten-second
 * clip. The rate is measured from the first finished frame on, and given only after a few seconds and frames.
 */
final class Eta {

    static final long SETTLE_NANOS = 3_000_000_000L;
    static final long SETTLE_FRAMES = 10;

    private long fromNanos = -1;
    private long fromDone;

    /** The time left at {@code nowNanos} with {@code done} of {@code total} frames done; empty while unsure. */
    Optional<Duration> at(long nowNanos, long done, long total) {
        if (total <= 0 || done <= 0 || done >= total) {
            return Optional.empty();
        }
        if (fromNanos < 0) {
            fromNanos = nowNanos;
            fromDone = done;
            return Optional.empty();
        }
        long elapsed = nowNanos - fromNanos;
        long frames = done - fromDone;
        if (elapsed < SETTLE_NANOS || frames < SETTLE_FRAMES) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round((double) elapsed / frames * (total - done))));
    }
}
