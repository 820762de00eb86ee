package faceblur.engine;

import java.util.function.Supplier;

/**
 * Runs work on a Java thread of its own and waits for it. The render runs so, for the same bytes from the same
 * frames: x264 reads small blocks it allocated and never wrote (see {@code video.NativeHeap}), and glibc hands
 * a thread small blocks from that thread's own cache of blocks it freed, unfilled. On the thread that ran the
 * studio's analyses, or the command line's set-up, those held whatever that work left; a new thread's cache
 * holds only what this render freed.
 */
final class FreshThread {

    private FreshThread() {
    }

    /** {@code work}'s result, computed on a new thread; its failure is thrown here. */
    static <T> T call(String name, Supplier<T> work) {
        Object[] outcome = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                outcome[0] = work.get();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, name);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // Passed on: the work stops at its next check, and its files are closed before this returns.
                interrupted = true;
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome[0];
        return result;
    }
}
