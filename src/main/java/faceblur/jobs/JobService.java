package faceblur.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs face-detection jobs on this node through db-scheduler: any node on the same database may take any job,
 * and a node's jobs are taken over by another (or by itself after a restart) once it misses its heartbeats.
 */
public final class JobService implements AutoCloseable {

    /** Told of each run, e.g. for metrics; called on the worker thread, so it must be quick and must not throw. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** A run begins; {@code attempt} counts from 1, runs cut short by a dead node included. */
        default void jobStarted(Job job, int attempt) {
        }

        /** The job ended; {@code runTime} is this last run's, {@code finishedAt - createdAt} the whole wait. */
        default void jobFinished(Job job, Duration runTime) {
        }
    }

    /** Jobs wait for a free thread; notifications and expiry should not wait behind a queue of videos. */
    private static final int HOUSEKEEPING_PRIORITY = Priority.HIGH;
    private static final Duration POLLING_INTERVAL = Duration.ofMillis(500);
    /** Running jobs get this long to end when the service closes; the rest are interrupted and later taken over. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final Scheduler scheduler;
    private final FaceDetectionJobs jobs;

    private JobService(Scheduler scheduler, FaceDetectionJobs jobs) {
        this.scheduler = scheduler;
        this.jobs = jobs;
    }

    public static JobService start(JobDatabase db, JobSettings settings, JobRunner runner) {
        return start(db, settings, runner, Listener.NONE);
    }

    public static JobService start(JobDatabase db, JobSettings settings, JobRunner runner, Listener listener) {
        return start(db, settings, runner, listener, SharedTasks.NONE);
    }

    /** As above, with {@code shared} tasks of other packages run by the same scheduler and threads. */
    public static JobService start(JobDatabase db, JobSettings settings, JobRunner runner, Listener listener,
                                   SharedTasks shared) {
        Notifications notifications = new Notifications(settings, HOUSEKEEPING_PRIORITY);
        OneTimeTask<Void> detection = new FaceDetectionTask(db.transactions(), settings, runner, listener,
                notifications).task();
        RecurringTask<Void> expiry = ResultExpiry.task(db.transactions(), settings.retention(), HOUSEKEEPING_PRIORITY);
        List<Task<?>> oneTime = new ArrayList<>(List.of(detection, notifications.task()));
        oneTime.addAll(shared.oneTime());
        List<RecurringTask<?>> recurring = new ArrayList<>(List.of(expiry));
        recurring.addAll(shared.recurring());
        Scheduler scheduler = Scheduler.create(db.dataSource(), oneTime)
                .startTasks(recurring)
                .threads(settings.concurrency())
                // pid@host: several nodes on one machine stay apart in picked_by, as in the pipeline's history
                .schedulerName(new SchedulerName.Fixed(ManagementFactory.getRuntimeMXBean().getName()))
                .pollingInterval(POLLING_INTERVAL)
                .heartbeatInterval(settings.heartbeat())
                .missedHeartbeatsLimit(JobSettings.MISSED_HEARTBEATS)
                .serializer(new JacksonSerializer())
                .enablePriority()
                .shutdownMaxWait(SHUTDOWN_WAIT)
                // Our tasks log their own one-line reasons; db-scheduler would add a stack trace for each.
                .failureLogging(LogLevel.DEBUG, false)
                .build();
        FaceDetectionJobs jobs = new FaceDetectionJobs(db, settings, scheduler, detection,
                scheduler::triggerCheckForDueExecutions);
        // Jobs and executions commit together, so this only finds rows changed by hand or by older versions.
        db.transactions().withConnection(c -> JobRows.orphans(c, FaceDetectionTask.TASK_NAME))
                .forEach(jobId -> scheduler.scheduleIfNotExists(detection.instance(jobId), Instant.now()));
        scheduler.start();
        return new JobService(scheduler, jobs);
    }

    public FaceDetectionJobs jobs() {
        return jobs;
    }

    /** Stops taking work and waits a little for running jobs; what is still running resumes elsewhere later. */
    @Override
    public void close() {
        scheduler.stop();
    }
}
