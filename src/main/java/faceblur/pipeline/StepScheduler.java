package faceblur.pipeline;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;

import java.time.Instant;
import java.util.List;

/**
 * Schedules the steps' executions. Called inside the transaction that moved the job into the step's entry state
 * (the client's DataSource joins it, see Transactions): the state and the execution commit together, so a job
 * is never in a state with no execution to take it on.
 */
final class StepScheduler {

    static final String ANALYSE = "pipeline-analyse";
    static final String RENDER = "pipeline-render";
    static final String JOIN = "pipeline-join";

    private final SchedulerClient client;

    StepScheduler(SchedulerClient client) {
        this.client = client;
    }

    void analyse(String jobId, int run, List<Integer> segments) {
        each(ANALYSE, jobId, run, segments);
    }

    /** One piece per segment, each over the tracks of the whole video: a face is followed across the cuts. */
    void render(String jobId, int run, List<Integer> segments) {
        each(RENDER, jobId, run, segments);
    }

    /** Joins every piece and publishes, once per run. */
    void join(String jobId, int run) {
        schedule(JOIN, new StepId(jobId, run, 0));
    }

    private void each(String task, String jobId, int run, List<Integer> segments) {
        for (int segment : segments) {
            schedule(task, new StepId(jobId, run, segment));
        }
    }

    private void schedule(String task, StepId step) {
        client.scheduleIfNotExists(new TaskInstance<Void>(task, step.instanceId()), Instant.now());
    }
}
