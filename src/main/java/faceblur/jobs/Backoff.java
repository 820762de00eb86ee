package faceblur.jobs;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Retries a failed execution after a delay that doubles with each failure in a row, up to a ceiling, each delay
 * spread by up to a fifth either way so that many executions failing together (a receiver down) do not all
 * come back at once. One that gives up drops the execution after its failures in a row have waited a set time.
 */
public final class Backoff<T> implements FailureHandler<T> {

    private static final Duration CEILING = Duration.ofHours(1);

    private final Duration first;
    private final Duration giveUpAfter;
    private final Consumer<ExecutionComplete> gaveUp;
    private final DoubleSupplier spread;

    /** Retries for as long as it takes. */
    public Backoff(Duration first) {
        this(first, null, c -> { }, () -> 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
    }

    Backoff(Duration first, Duration giveUpAfter, Consumer<ExecutionComplete> gaveUp, DoubleSupplier spread) {
        this.first = first;
        this.giveUpAfter = giveUpAfter;
        this.gaveUp = gaveUp;
        this.spread = spread;
    }

    /** Retries until the failures in a row have waited {@code giveUpAfter}; then drops it and tells {@code gaveUp}. */
    public static <T> Backoff<T> givingUpAfter(Duration first, Duration giveUpAfter, Consumer<ExecutionComplete> gaveUp) {
        return new Backoff<>(first, giveUpAfter, gaveUp, () -> 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        int failuresBefore = complete.getExecution().consecutiveFailures;
        if (givesUp(failuresBefore)) {
            operations.remove();
            gaveUp.accept(complete);
            return;
        }
        operations.reschedule(complete, complete.getTimeDone().plus(spread(delay(failuresBefore))));
    }

    /** Whether a failure that follows {@code failuresBefore} others in a row is the last one tried. */
    boolean givesUp(int failuresBefore) {
        if (giveUpAfter == null) {
            return false;
        }
        Duration waited = Duration.ZERO;
        for (int i = 0; i <= failuresBefore; i++) {
            waited = waited.plus(delay(i));
        }
        return waited.compareTo(giveUpAfter) > 0;
    }

    Duration spread(Duration delay) {
        return Duration.ofMillis(Math.round(delay.toMillis() * spread.getAsDouble()));
    }

    Duration delay(int failuresBefore) {
        Duration delay = first;
        for (int i = 0; i < failuresBefore && delay.compareTo(CEILING) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(CEILING) < 0 ? delay : CEILING;
    }
}
