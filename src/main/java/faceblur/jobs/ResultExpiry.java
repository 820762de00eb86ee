package faceblur.jobs;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The recurring task that deletes jobs, and their faces, finished longer than the retention ago. */
final class ResultExpiry {

    static final String TASK_NAME = "expire-results";
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_INTERVAL = Duration.ofHours(1);

    private ResultExpiry() {
    }

    static RecurringTask<Void> task(Transactions transactions, Duration retention, int priority) {
        return Tasks.recurring(TASK_NAME, FixedDelay.of(interval(retention)))
                .defaultPriority(priority)
                .execute((instance, context) -> deleteFinishedBefore(transactions, Instant.now().minus(retention)));
    }

    /** Often enough that results outlive the retention by a quarter of it at most, within sane bounds. */
    static Duration interval(Duration retention) {
        Duration quarter = retention.dividedBy(4);
        return quarter.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL
                : quarter.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : quarter;
    }

    /** One transaction a job, so that a big result does not hold the (SQLite) write lock for long. */
    static int deleteFinishedBefore(Transactions transactions, Instant cutoff) {
        List<String> expired = transactions.withConnection(c -> JobRows.finishedBefore(c, cutoff));
        for (String jobId : expired) {
            transactions.inTransaction(c -> {
                FaceRows.deleteOf(c, jobId);
                JobRows.delete(c, jobId);
                return null;
            });
        }
        return expired.size();
    }
}
