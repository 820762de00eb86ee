package faceblur.pipeline;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import faceblur.FaceblurException;
import faceblur.jobs.Backoff;
import faceblur.jobs.JobDatabaseException;
import faceblur.jobs.RetryLater;
import faceblur.jobs.SqlWork;
import faceblur.jobs.Transactions;
import faceblur.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * What every step shares: the db-scheduler task, counting attempts in the job's row (so runs cut short by a
 * lost node count too), a private work folder, and sorting failures into permanent (the job fails at once,
 * with the reason) and passing (retried with back-off until the attempts run out).
 */
final class StepRunner {

    /** The work of one step, on a job confirmed to be in this step of this run. */
    @FunctionalInterface
    interface Work {
        void run(PipelineJob job, StepId step, WorkFolder folder, StepClock clock);
    }

    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);
    private static final Set<PipelineState> UNFINISHED = EnumSet.of(PipelineState.QUEUED, PipelineState.ANALYSING,
            PipelineState.RENDERING, PipelineState.PUBLISHING);

    private final Transactions transactions;
    private final PipelineSettings settings;
    private final SourceCache sources;

    StepRunner(Transactions transactions, PipelineSettings settings, SourceCache sources) {
        this.transactions = transactions;
        this.settings = settings;
        this.sources = sources;
    }

    /**
     * The task {@code name}: moves a job from {@code entry} to {@code working} (a job already in one of
     * {@code resumable} is taken on as it is: a retry, or a take-over from a lost node), then does the work.
     */
    OneTimeTask<Void> task(String name, PipelineState entry, PipelineState working, Set<PipelineState> resumable,
                           Work work) {
        return Tasks.oneTime(name)
                .onFailure(new Backoff<>(settings.firstRetry()))
                .execute((instance, context) -> run(name, StepId.parse(instance.getId()), entry, working, resumable,
                        work));
    }

    private void run(String name, StepId step, PipelineState entry, PipelineState working,
                     Set<PipelineState> resumable, Work work) {
        StepClock clock = new StepClock();
        Set<PipelineState> accepted = EnumSet.of(entry, working);
        accepted.addAll(resumable);
        // Attempts are counted per step (task and segment): the segments of one job run side by side.
        int attempt = transactions.inTransaction(c -> {
            Instant now = Instant.now();
            if (PipelineRows.begin(c, step, entry, working, accepted, now) == 0) {
                return 0;
            }
            int n = StepRows.attempt(c, name, step);
            PipelineState state = PipelineRows.find(c, step.jobId()).orElseThrow().state();
            String what = name.substring(name.indexOf('-') + 1);
            HistoryRows.add(c, step.jobId(), state, now, what + (name.equals(StepScheduler.JOIN) ? ""
                    : " segment " + step.segment()) + ", attempt " + n);
            return n;
        });
        if (attempt == 0) {
            return; // cancelled, retried as a new run, or already past this step: nothing to do
        }
        if (attempt > settings.maxAttempts()) {
            fail(step, "gave up after " + settings.maxAttempts() + " attempts: the node running the step stopped "
                    + "each time");
            return;
        }
        PipelineJob job = transactions.withConnection(c -> PipelineRows.find(c, step.jobId())).orElseThrow();
        try (WorkFolder folder = WorkFolder.create(settings.workRoot(), step)) {
            work.run(job, step, folder, clock);
            transactions.withConnection(c -> {
                StepRows.finished(c, name, step, clock, Instant.now());
                return null;
            });
        } catch (PermanentFailure e) {
            fail(step, e.getMessage());
        } catch (RuntimeException e) {
            String reason = describe(e);
            if (isPermanent(e)) {
                fail(step, reason);
            } else if (attempt >= settings.maxAttempts()) {
                fail(step, "failed after " + attempt + " attempts: " + reason);
            } else {
                LOG.warn("Pipeline job {} attempt {} of {} failed, will retry: {}", step.jobId(), attempt,
                        settings.maxAttempts(), reason);
                throw new RetryLater(reason);
            }
        } finally {
            evictEndedSources();
        }
    }

    /** Cached sources of jobs that ended (here or on another node) go as soon as this node's steps let them. */
    private void evictEndedSources() {
        try {
            sources.evictEnded(jobs -> transactions.withConnection(c -> {
                Set<String> ended = new HashSet<>();
                for (String id : jobs) {
                    if (PipelineRows.find(c, id).map(j -> j.state().finished()).orElse(true)) {
                        ended.add(id);
                    }
                }
                return ended;
            }));
        } catch (RuntimeException e) {
            LOG.warn("Cannot clear the source cache of ended jobs now: {}", describe(e));
        }
    }

    /** The engine's refusals (not a video, cannot be written) and storage refusals do not pass with time. */
    private static boolean isPermanent(RuntimeException e) {
        if (e instanceof StorageException storage) {
            return storage.kind() != StorageException.Kind.TRANSIENT;
        }
        return e instanceof FaceblurException && !(e instanceof JobDatabaseException);
    }

    private void fail(StepId step, String reason) {
        transactions.inTransaction(c -> {
            Instant now = Instant.now();
            if (PipelineRows.end(c, step.jobId(), step.run(), UNFINISHED, PipelineState.FAILED, reason, now)) {
                HistoryRows.add(c, step.jobId(), PipelineState.FAILED, now, reason);
                LOG.warn("Pipeline job {} failed: {}", step.jobId(), reason);
            }
            return null;
        });
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return e instanceof FaceblurException || e instanceof StorageException ? message
                : e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** Runs {@code work} in a transaction that first moves the job on; false (and nothing done) if it had moved. */
    boolean advance(StepId step, PipelineState from, PipelineState to, boolean newStep, String detail,
                    Runnable work) {
        return transactions.inTransaction(c -> {
            Instant now = Instant.now();
            if (!PipelineRows.advance(c, step, from, to, newStep, null, now)) {
                return false;
            }
            HistoryRows.add(c, step.jobId(), to, now, detail);
            work.run();
            return true;
        });
    }

    /**
     * Runs {@code work} in a transaction that first takes the job's row, if the job is still in {@code state} of
     * this step's run; false (and nothing done) otherwise. Holding the row orders the segments of one job that
     * finish at once: the last one sees every other one's result and moves the job on, exactly once.
     */
    boolean holdingJob(StepId step, PipelineState state, SqlWork<?> work) {
        return transactions.inTransaction(c -> {
            if (!PipelineRows.hold(c, step, state, Instant.now())) {
                return false;
            }
            work.run(c);
            return true;
        });
    }

    Transactions transactions() {
        return transactions;
    }

    SourceCache sources() {
        return sources;
    }
}
