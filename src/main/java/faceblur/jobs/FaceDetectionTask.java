package faceblur.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import faceblur.rekognition.FaceDetectionResult.VideoMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The db-scheduler task that runs one job (instance id = JobId). Runs are counted in the job's row, so runs cut
 * short by a dead node count too and a video that kills its node every time ends FAILED instead of looping.
 */
final class FaceDetectionTask {

    static final String TASK_NAME = "face-detection";
    private static final Logger LOG = LoggerFactory.getLogger(FaceDetectionTask.class);

    private final Transactions transactions;
    private final JobSettings settings;
    private final JobRunner runner;
    private final JobService.Listener listener;
    private final Notifications notifications;
    private final OneTimeTask<Void> task;

    FaceDetectionTask(Transactions transactions, JobSettings settings, JobRunner runner, JobService.Listener listener,
                      Notifications notifications) {
        this.transactions = transactions;
        this.settings = settings;
        this.runner = runner;
        this.listener = listener;
        this.notifications = notifications;
        this.task = Tasks.oneTime(TASK_NAME)
                .onFailure(new Backoff<>(settings.heartbeat()))
                .execute((instance, context) -> run(instance.getId(), context.getSchedulerClient()));
    }

    OneTimeTask<Void> task() {
        return task;
    }

    private void run(String jobId, SchedulerClient scheduler) {
        Optional<Job> found = transactions.withConnection(c -> JobRows.find(c, jobId));
        if (found.isEmpty() || found.get().finished()) {
            return; // expired, or ended by a node that was thought dead
        }
        Job job = found.get();
        Instant start = Instant.now();
        int attempt = transactions.inTransaction(c -> JobRows.begin(c, jobId, start));
        listener.jobStarted(job, attempt);
        if (attempt > settings.maxAttempts()) {
            end(scheduler, job, JobState.FAILED, "Gave up after " + settings.maxAttempts()
                    + " attempts: the node running the job stopped each time", null, start);
            return;
        }
        JobOutcome outcome;
        try {
            outcome = runner.run(job);
        } catch (JobFailedException e) {
            end(scheduler, job, JobState.FAILED, e.getMessage(), null, start);
            return;
        } catch (Exception e) {
            String reason = describe(e);
            if (attempt >= settings.maxAttempts()) {
                end(scheduler, job, JobState.FAILED, "Failed after " + attempt + " attempts: " + reason, null, start);
                return;
            }
            LOG.warn("Job {} attempt {} of {} failed, will retry: {}", jobId, attempt, settings.maxAttempts(), reason);
            throw new RetryLater(reason);
        }
        end(scheduler, job, JobState.SUCCEEDED, null, outcome, start);
    }

    /** The state, the results and the notification commit together, or not at all and the job runs again. */
    private void end(SchedulerClient scheduler, Job job, JobState state, String message, JobOutcome outcome,
                     Instant start) {
        Instant now = Instant.now();
        VideoMetadata metadata = outcome == null ? null : outcome.videoMetadata();
        int faceCount = outcome == null ? 0 : outcome.faces().size();
        Optional<Job> ended = transactions.inTransaction(c -> {
            if (!JobRows.finish(c, job.jobId(), state, message, metadata, faceCount, now)) {
                return Optional.<Job>empty();
            }
            if (outcome != null) {
                FaceRows.insert(c, job.jobId(), outcome.faces());
            }
            Job done = JobRows.find(c, job.jobId()).orElseThrow();
            notifications.schedule(scheduler, done, now);
            return Optional.of(done);
        });
        if (ended.isEmpty()) {
            LOG.info("Job {} had already been ended by another node; this run's result is dropped", job.jobId());
            return;
        }
        listener.jobFinished(ended.get(), Duration.between(start, now));
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("");
    }
}
