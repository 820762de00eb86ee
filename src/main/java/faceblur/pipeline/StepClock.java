package faceblur.pipeline;

import java.util.function.Supplier;

/**
 * Splits a step's wall time into processing (what one machine would do for the whole video anyway: detection,
 * tracking, encoding) and coordination (the rest: database round trips, downloads, uploads, planning, joining).
 */
final class StepClock {

    private final long start = System.nanoTime();
    private long processing;
    private Boolean sourceCached;

    <T> T processing(Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            processing += System.nanoTime() - t0;
        }
    }

    /** The step found the job's source on this node (true) or downloaded it (false). */
    void source(boolean cached) {
        sourceCached = cached;
    }

    /** Null when the step did not use the source. */
    Boolean sourceCached() {
        return sourceCached;
    }

    long processingMillis() {
        return processing / 1_000_000;
    }

    long coordinationMillis() {
        return (System.nanoTime() - start - processing) / 1_000_000;
    }
}
