package faceblur.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import faceblur.rekognition.FaceDetectionResult.FaceDetection;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Face-detection jobs as the API sees them: submitted, looked up, their results paged. */
public final class FaceDetectionJobs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transactions transactions;
    private final JobSettings settings;
    private final SchedulerClient scheduler;
    private final OneTimeTask<Void> task;
    private final Runnable wakeScheduler;

    FaceDetectionJobs(JobDatabase db, JobSettings settings, SchedulerClient scheduler, OneTimeTask<Void> task,
                      Runnable wakeScheduler) {
        this.transactions = db.transactions();
        this.settings = settings;
        this.scheduler = scheduler;
        this.task = task;
        this.wakeScheduler = wakeScheduler;
    }

    /**
     * Creates a job and queues it, in one transaction. A repeated token with an equal spec returns the job it
     * created and starts nothing.
     *
     * @param clientRequestToken null for a request without one
     * @throws IdempotencyMismatchException the token was used with another spec
     * @throws QueueFullException           there are already {@code queueLimit} unfinished jobs
     */
    public Job submit(JobSpec spec, String clientRequestToken) {
        try {
            return trySubmit(spec, clientRequestToken);
        } catch (JobDatabaseException e) {
            // Two requests with one token raced: the loser's insert broke the unique key; the winner's job answers.
            if (clientRequestToken != null && e.isConstraintViolation()) {
                return trySubmit(spec, clientRequestToken);
            }
            throw e;
        }
    }

    private Job trySubmit(JobSpec spec, String clientRequestToken) {
        Job job = transactions.inTransaction(c -> {
            if (clientRequestToken != null) {
                Optional<Job> earlier = JobRows.findByToken(c, clientRequestToken);
                if (earlier.isPresent()) {
                    if (!earlier.get().spec().equals(spec)) {
                        throw new IdempotencyMismatchException(clientRequestToken);
                    }
                    return earlier.get();
                }
            }
            if (JobRows.unfinished(c) >= settings.queueLimit()) {
                throw new QueueFullException(settings.queueLimit());
            }
            String jobId = newJobId();
            JobRows.insert(c, jobId, clientRequestToken, spec, Instant.now());
            // Runs on this transaction's connection (see Transactions): the job and its execution commit together.
            scheduler.scheduleIfNotExists(task.instance(jobId), Instant.now());
            return JobRows.find(c, jobId).orElseThrow();
        });
        wakeScheduler.run();
        return job;
    }

    public Optional<Job> find(String jobId) {
        return transactions.withConnection(c -> JobRows.find(c, jobId));
    }

    /** Faces of a finished job in result order (Timestamp, then as the runner gave them), from {@code offset}. */
    public List<FaceDetection> faces(String jobId, int offset, int limit) {
        return transactions.withConnection(c -> FaceRows.page(c, jobId, offset, limit));
    }

    public Map<JobState, Integer> countByState() {
        return transactions.withConnection(JobRows::countByState);
    }

    /** Unfinished jobs that have not started to run yet. */
    public int queued() {
        return transactions.withConnection(JobRows::queued);
    }

    private static String newJobId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
