package faceblur.jobs;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How jobs are run.
 *
 * @param concurrency           jobs run at once on this node
 * @param queueLimit            unfinished jobs (all nodes) beyond which submissions are refused
 * @param retention             how long finished jobs and their results are kept
 * @param heartbeat             how often a running job says it is alive; a job whose node missed
 *                              {@link #MISSED_HEARTBEATS} of them is taken over by another node. Also the first
 *                              delay before a retry, doubled each time
 * @param maxAttempts           runs of a job before passing failures make it FAILED
 * @param notificationEndpoints where the completion message for each SNS topic ARN is POSTed
 * @param snsEnvelope           whether the message goes out inside SNS's HTTP notification envelope, as an
 *                              endpoint subscribed to the topic receives it, rather than bare
 */
public record JobSettings(int concurrency, int queueLimit, Duration retention, Duration heartbeat, int maxAttempts,
                          Map<String, URI> notificationEndpoints, boolean snsEnvelope) {

    /** Missed heartbeats before a running job counts as dead and is taken over. */
    public static final int MISSED_HEARTBEATS = 6;

    public JobSettings {
        if (concurrency < 1 || queueLimit < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("concurrency, queueLimit and maxAttempts must be at least 1");
        }
        if (retention.isNegative() || retention.isZero() || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("retention and heartbeat must be positive");
        }
        notificationEndpoints = Map.copyOf(notificationEndpoints);
    }

    /** One job at a time, 100 queued, results kept 7 days, a dead node's job taken over after about 30 s, 3 attempts. */
    public static JobSettings defaults() {
        return new JobSettings(1, 100, Duration.ofDays(7), Duration.ofSeconds(5), 3, Map.of(), false);
    }

    public JobSettings withConcurrency(int value) {
        return new JobSettings(value, queueLimit, retention, heartbeat, maxAttempts, notificationEndpoints, snsEnvelope);
    }

    public JobSettings withQueueLimit(int value) {
        return new JobSettings(concurrency, value, retention, heartbeat, maxAttempts, notificationEndpoints, snsEnvelope);
    }

    public JobSettings withRetention(Duration value) {
        return new JobSettings(concurrency, queueLimit, value, heartbeat, maxAttempts, notificationEndpoints, snsEnvelope);
    }

    /** Tests use a short heartbeat so that take-over and retries happen within seconds. */
    public JobSettings withHeartbeat(Duration value) {
        return new JobSettings(concurrency, queueLimit, retention, value, maxAttempts, notificationEndpoints, snsEnvelope);
    }

    public JobSettings withMaxAttempts(int value) {
        return new JobSettings(concurrency, queueLimit, retention, heartbeat, value, notificationEndpoints, snsEnvelope);
    }

    public JobSettings withNotificationEndpoints(Map<String, URI> value) {
        return new JobSettings(concurrency, queueLimit, retention, heartbeat, maxAttempts, value, snsEnvelope);
    }

    public JobSettings withSnsEnvelope(boolean value) {
        return new JobSettings(concurrency, queueLimit, retention, heartbeat, maxAttempts, notificationEndpoints, value);
    }
}
