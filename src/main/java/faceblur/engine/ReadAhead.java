package faceblur.engine;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs one stage of a pass over a video on its own thread, a few items ahead of the stage that takes them, so
 * that the two use two cores: decoding and redacting the next frames while this one is encoded. The producer
 * says null after its last item; its failure is thrown again by {@link #next()}. Items made but never taken
 * are closed.
 *
 * @param <T> what the producer makes; owned by whoever takes it
 */
final class ReadAhead<T extends AutoCloseable> implements AutoCloseable {

    /** Makes the next item, or null when there are no more. */
    interface Producer<T> {
        T next();
    }

    private record Failure(RuntimeException error) {
    }

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private boolean ended;

    ReadAhead(String name, int depth, Producer<T> producer) {
        queue = new ArrayBlockingQueue<>(depth);
        thread = new Thread(() -> produce(producer), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(Producer<T> producer) {
        try {
            for (T item = producer.next(); item != null; item = producer.next()) {
                try {
                    queue.put(item);
                } catch (InterruptedException e) {
                    closeQuietly(item); // the taker has gone
                    return;
                }
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // the taker has gone
        } catch (RuntimeException e) {
            hand(new Failure(e));
        } catch (Error e) {
            hand(new Failure(new IllegalStateException(e.toString(), e)));
        }
    }

    /** Queues the failure, waiting for room: dropped, it would leave the taker waiting for ever. */
    private void hand(Failure failure) {
        try {
            queue.put(failure);
        } catch (InterruptedException e) {
            // the taker has gone
        }
    }

    /** The next item, or null after the last; the producer's failure, if it failed. */
    @SuppressWarnings("unchecked")
    T next() {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next frame", e);
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof Failure failure) {
            ended = true;
            throw failure.error();
        }
        return (T) item;
    }

    /** Stops the producer and waits for it (it may be using what the caller closes next), closing what is left. */
    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            drain();
            try {
                thread.join(100);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        drain();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        for (Object left = queue.poll(); left != null; left = queue.poll()) {
            if (left instanceof AutoCloseable item) {
                closeQuietly(item);
            }
        }
    }

    private static void closeQuietly(AutoCloseable item) {
        try {
            item.close();
        } catch (Exception ignored) {
            // freeing a frame nobody will encode
        }
    }
}
