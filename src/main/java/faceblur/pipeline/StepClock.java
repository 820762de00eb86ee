package faceblur.pipeline;

import java.util.function.Supplier;

/**
 * Splits a step's wall time into processing (what one machine would do for the whole video anyway: detection,
 * tracking, encoding) and coordination (the rest: database round trips, downloads, uploads, planning, joining).
 */
final class StepClock {

    private final long start = System.nanoTime();
    private long processing;

    <T> T processing(Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            processing += System.nanoTime() - t0;
        }
    }

    long processingMillis() {
        return processing / 1_000_000;
    }

    long coordinationMillis() {
        return (System.nanoTime() - start - processing) / 1_000_000;
    }
}
