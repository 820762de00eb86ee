package faceblur.jobs;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import java.util.List;

/**
 * Tasks of other packages (the pipeline's) that run on the job service's scheduler: one scheduler per node, so
 * one pool of threads, one heartbeat and one take-over rule for every kind of work.
 *
 * @param oneTime   tasks whose executions are scheduled as work arrives
 * @param recurring tasks scheduled when the node starts, e.g. a periodic listing
 */
public record SharedTasks(List<Task<?>> oneTime, List<RecurringTask<?>> recurring) {

    public static final SharedTasks NONE = new SharedTasks(List.of(), List.of());

    public SharedTasks {
        oneTime = List.copyOf(oneTime);
        recurring = List.copyOf(recurring);
    }

    /** These tasks and {@code more}'s, on one scheduler. */
    public SharedTasks with(SharedTasks more) {
        return new SharedTasks(java.util.stream.Stream.concat(oneTime.stream(), more.oneTime.stream()).toList(),
                java.util.stream.Stream.concat(recurring.stream(), more.recurring.stream()).toList());
    }
}
