package faceblur.studio;

/**
 * Where the studio's analyses and exports run. {@code faceblur studio} runs them one at a time on a thread of its
 * own ({@link #ownThread}); {@code faceblur serve} hands them to its durable job system, so that one cut off by
 * a crash or a restart runs again.
 */
public interface StudioWork extends AutoCloseable {

    /** Queues {@code job}; the studio's {@link Studio#run} does it. */
    void submit(StudioJob job);

    /** Whether queued work outlives the process (and with it the decisions kept for a queued export). */
    default boolean durable() {
        return false;
    }

    /** The projects whose analysis is stored and will run (again): one a stopped studio left unfinished. */
    default java.util.Set<String> queuedAnalyses() {
        return java.util.Set.of();
    }

    /** Stops taking work; what runs is asked to stop by the studio itself. */
    @Override
    void close();

    /** One job at a time, in order, on a thread of the studio's own: lost if the process ends. */
    static StudioWork ownThread(java.util.function.Supplier<Studio> studio) {
        java.util.concurrent.ExecutorService thread = Studio.singleThread("studio-work");
        return new StudioWork() {
            @Override
            public void submit(StudioJob job) {
                thread.submit(() -> studio.get().run(job));
            }

            @Override
            public void close() {
                thread.shutdownNow();
                try {
                    thread.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
