package faceblur.studio;

import faceblur.engine.ProgressListener;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Progress of background work as the page shows it (task, frames, fps, ETA), handed to {@code onChange} a few
 * times a second; throws {@link CancellationException} from the work's own thread once it is cancelled, which
 * ends the pass that reports to it.
 */
final class LiveProgress implements ProgressListener {

    /** Where work stands: {@code total} is -1 when unknown. */
    record Snapshot(String task, long done, long total, double fps, long etaSeconds) {
    }

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final BooleanSupplier cancelled;
    private final Consumer<Snapshot> onChange;
    private String task = "waiting";
    private long total = -1;
    private long done;
    private long started = System.nanoTime();
    private long lastSent;

    LiveProgress(BooleanSupplier cancelled, Consumer<Snapshot> onChange) {
        this.cancelled = cancelled;
        this.onChange = onChange;
    }

    @Override
    public synchronized void begin(String taskName, long totalFrames) {
        checkCancelled();
        task = taskName;
        total = totalFrames;
        done = 0;
        started = System.nanoTime();
        send(true);
    }

    @Override
    public void frameDone() {
        checkCancelled();
        synchronized (this) {
            done++;
            send(false);
        }
    }

    @Override
    public synchronized void end() {
        send(true);
    }

    void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    synchronized Snapshot snapshot() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        double fps = done / seconds;
        long eta = total > done && fps > 0 ? Math.round((total - done) / fps) : -1;
        return new Snapshot(task, done, total, Math.round(fps * 10) / 10.0, eta);
    }

    private void send(boolean always) {
        long now = System.nanoTime();
        if (always || now - lastSent >= INTERVAL_NANOS) {
            lastSent = now;
            onChange.accept(snapshot());
        }
    }
}
