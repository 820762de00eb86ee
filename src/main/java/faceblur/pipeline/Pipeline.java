package faceblur.pipeline;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import faceblur.engine.FaceBlur;
import faceblur.jobs.JobDatabase;
import faceblur.jobs.SharedTasks;
import faceblur.storage.ObjectStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline of one node: its step tasks and watchers, handed to the job service's scheduler, and the jobs'
 * API. Scheduling goes through a client of its own over the same transaction-aware DataSource, so it needs no
 * reference to the scheduler that runs the steps.
 */
public final class Pipeline {

    private final PipelineJobs jobs;
    private final SharedTasks tasks;

    private Pipeline(PipelineJobs jobs, SharedTasks tasks) {
        this.jobs = jobs;
        this.tasks = tasks;
    }

    public static Pipeline create(JobDatabase db, ObjectStore store, FaceBlur engine, PipelineSettings settings) {
        WorkFolder.removeLeftovers(settings.workRoot());
        SchedulerClient client = SchedulerClient.Builder.create(db.dataSource())
                .serializer(new JacksonSerializer())
                .build();
        StepScheduler steps = new StepScheduler(client);
        PipelineJobs jobs = new PipelineJobs(db.transactions(), steps, store, settings.watch().rules(), settings.watch().naming());
        StepRunner runner = new StepRunner(db.transactions(), settings,
                SourceCache.open(settings.sourceCache(), settings.sourceCacheBytes()));
        List<Task<?>> oneTime = new ArrayList<>();
        PhotoStep photos = new PhotoStep(runner, store, engine, settings, steps);
        oneTime.add(new AnalyseStep(runner, store, engine, steps, settings, photos).task());
        oneTime.addAll(new RenderStep(runner, store, engine, settings, steps, photos).tasks());
        List<RecurringTask<?>> watchers = settings.watch().rules().stream()
                .<RecurringTask<?>>map(rule -> new Watcher(rule, store, jobs).task(settings.watch().listInterval()))
                .toList();
        return new Pipeline(jobs, new SharedTasks(oneTime, watchers));
    }

    public PipelineJobs jobs() {
        return jobs;
    }

    /** For {@code JobService.start}: the steps and watchers run on the node's one scheduler. */
    public SharedTasks tasks() {
        return tasks;
    }
}
