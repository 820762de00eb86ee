package faceblur.pipeline;

import faceblur.engine.ProgressListener;
import faceblur.jobs.Transactions;

/**
 * Writes a step's frame progress into the job's row, mapped onto the step's share of the whole job, at most
 * every few seconds: readers see progress without the database taking a write per frame.
 */
final class StepProgress implements ProgressListener {

    private static final long WRITE_EVERY_NANOS = 2_000_000_000L;

    private final Transactions transactions;
    private final StepId step;
    private final double from;
    private final double to;
    private long total;
    private long done;
    private long lastWrite = System.nanoTime();

    StepProgress(Transactions transactions, StepId step, double from, double to) {
        this.transactions = transactions;
        this.step = step;
        this.from = from;
        this.to = to;
    }

    @Override
    public void begin(String task, long totalFrames) {
        total = totalFrames;
        done = 0;
    }

    @Override
    public void frameDone() {
        done++;
        long now = System.nanoTime();
        if (total > 0 && now - lastWrite > WRITE_EVERY_NANOS) {
            lastWrite = now;
            double share = Math.min(1.0, (double) done / total);
            transactions.withConnection(c -> {
                PipelineRows.progress(c, step, from + (to - from) * share);
                return null;
            });
        }
    }

    @Override
    public void end() {
    }
}
