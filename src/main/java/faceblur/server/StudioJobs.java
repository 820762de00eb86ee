package faceblur.server;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import faceblur.jobs.Backoff;
import faceblur.jobs.JobDatabase;
import faceblur.jobs.SharedTasks;
import faceblur.studio.Studio;
import faceblur.studio.StudioJob;
import faceblur.studio.StudioWork;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code serve}'s studio work (analyses, exports) as executions of the node's durable scheduler: stored in the
 * job database when asked for, run by the scheduler's threads beside the other jobs, and run again after a crash
 * or a restart (a dead node's executions are taken over once its heartbeats stop). Only nodes with a studio know
 * the task; workers leave its executions alone, since a review's files live in the API node's data folder.
 */
final class StudioJobs implements StudioWork {

    static final String TASK_NAME = "studio-work";

    private final OneTimeTask<StudioJob> task;
    private final SchedulerClient client;
    /** Executions resumed at start may come before the studio exists: they wait for it. */
    private final CompletableFuture<Studio> studio = new CompletableFuture<>();

    StudioJobs(JobDatabase db, Duration retry) {
        this.task = Tasks.oneTime(TASK_NAME, StudioJob.class)
                .onFailure(new Backoff<>(retry))
                .execute((instance, context) -> studio.join().run(instance.getData()));
        // Told of the task, the client reads stored jobs back as StudioJob (queuedAnalyses)
        this.client = SchedulerClient.Builder.create(db.dataSource(), List.of(task))
                .serializer(new JacksonSerializer()).build();
    }

    /** The task, for the node's scheduler. */
    SharedTasks tasks() {
        return new SharedTasks(List.of(task), List.of());
    }

    /** The studio that runs the work; given once it is made. */
    StudioWork boundTo(Studio made) {
        studio.complete(made);
        return this;
    }

    @Override
    public void submit(StudioJob job) {
        client.schedule(task.instance(job.kind() + "-" + job.project() + "-" + UUID.randomUUID(), job), Instant.now());
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public java.util.Set<String> queuedAnalyses() {
        java.util.Set<String> projects = new java.util.HashSet<>();
        client.fetchScheduledExecutionsForTask(TASK_NAME, StudioJob.class,
                com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter.all(), e -> {
                    if (StudioJob.ANALYSE.equals(e.getData().kind())) {
                        projects.add(e.getData().project());
                    }
                });
        return projects;
    }

    @Override
    public void close() {
        // The node's scheduler stops with the job service; unfinished executions stay stored for the next start.
    }
}
