package faceblur.jobs;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

import java.time.Duration;

/** Retries a failed execution after a delay that doubles with each failure in a row, up to a ceiling. */
public final class Backoff<T> implements FailureHandler<T> {

    private static final Duration CEILING = Duration.ofHours(1);

    private final Duration first;

    public Backoff(Duration first) {
        this.first = first;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        operations.reschedule(complete, complete.getTimeDone().plus(delay(complete.getExecution().consecutiveFailures)));
    }

    Duration delay(int failuresBefore) {
        Duration delay = first;
        for (int i = 0; i < failuresBefore && delay.compareTo(CEILING) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(CEILING) < 0 ? delay : CEILING;
    }
}
