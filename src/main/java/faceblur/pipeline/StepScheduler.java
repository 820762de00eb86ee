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

    private final SchedulerClient client;

    StepScheduler(SchedulerClient client) {
        this.client = client;
    }

    void analyse(String jobId, int run, List<Integer> segments) {
        for (int segment : segments) {
            schedule(ANALYSE, new StepId(jobId, run, segment));
        }
    }

    /** Rendering runs once over all segments' analyses: tracking must see a face across the cuts. */
    void render(String jobId, int run) {
        schedule(RENDER, new StepId(jobId, run, 0));
    }

    private void schedule(String task, StepId step) {
        client.scheduleIfNotExists(new TaskInstance<Void>(task, step.instanceId()), Instant.now());
    }
}
