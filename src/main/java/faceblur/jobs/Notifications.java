package faceblur.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Completion messages: Rekognition publishes them to the job's SNS topic; here each topic ARN maps to an HTTP
 * endpoint that gets the same JSON, POSTed until it answers 2xx.
 */
final class Notifications {

    static final String TASK_NAME = "notify";
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    /** A receiver down for a day is gone or misconfigured: retrying forever only fills the queue. */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * The endpoint is resolved when the job ends, so the message still goes out after the job expires.
     * {@code snsMessageId} is set when the body is an SNS envelope, for SNS's headers.
     */
    record Notification(String endpoint, String body, String topicArn, String snsMessageId) {
    }

    private final Map<String, URI> endpoints;
    private final boolean snsEnvelope;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final OneTimeTask<Notification> task;

    Notifications(JobSettings settings, int priority) {
        this.endpoints = settings.notificationEndpoints();
        this.snsEnvelope = settings.snsEnvelope();
        this.task = Tasks.oneTime(TASK_NAME, Notification.class)
                .onFailure(Backoff.<Notification>givingUpAfter(settings.heartbeat(), GIVE_UP_AFTER, complete ->
                        LOG.error("Notification of job {} given up after {} failed deliveries over more than {}",
                                complete.getExecution().taskInstance.getId(),
                                complete.getExecution().consecutiveFailures + 1, GIVE_UP_AFTER)))
                .defaultPriority(priority)
                .execute((instance, context) -> deliver(instance.getId(), instance.getData()));
    }

    OneTimeTask<Notification> task() {
        return task;
    }

    /** Queues the message for a job that just ended, when its topic has an endpoint; call in the ending transaction. */
    void schedule(SchedulerClient scheduler, Job job, Instant at) {
        String topic = job.spec().notificationTopicArn();
        if (topic == null) {
            return;
        }
        URI endpoint = endpoints.get(topic);
        if (endpoint == null) {
            LOG.warn("Job {} ended; no notification endpoint is configured for topic {}", job.jobId(), topic);
            return;
        }
        String message = message(job, at);
        Notification notification = snsEnvelope
                ? snsNotification(endpoint.toString(), topic, job.jobId(), message, at)
                : new Notification(endpoint.toString(), message, topic, null);
        scheduler.scheduleIfNotExists(task.instance(job.jobId(), notification), at);
    }

    /**
     * The message as SNS delivers it to an HTTP(S) subscriber: a {@code Notification} envelope with the message as
     * a string in {@code Message}. Its id is fixed by the job, so a retried delivery is recognisably the same one.
     * faceblur holds no AWS signing certificate: {@code Signature} is empty, and a subscriber that checks SNS
     * signatures must be told to skip it for this sender.
     */
    static Notification snsNotification(String endpoint, String topicArn, String jobId, String message, Instant at) {
        String messageId = UUID.nameUUIDFromBytes(("faceblur-notification:" + jobId).getBytes(StandardCharsets.UTF_8))
                .toString();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", messageId);
        envelope.put("TopicArn", topicArn);
        envelope.put("Message", message);
        envelope.put("Timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString());
        envelope.put("SignatureVersion", "1");
        envelope.put("Signature", "");
        envelope.put("SigningCertURL", "");
        envelope.put("UnsubscribeURL", "");
        return new Notification(endpoint, Json.write(envelope), topicArn, messageId);
    }

    static String message(Job job, Instant at) {
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("S3ObjectName", job.spec().key());
        video.put("S3Bucket", job.spec().bucket());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("JobId", job.jobId());
        message.put("Status", job.state().name());
        message.put("API", "StartFaceDetection");
        if (job.spec().jobTag() != null) {
            message.put("JobTag", job.spec().jobTag());
        }
        message.put("Timestamp", at.toEpochMilli());
        message.put("Video", video);
        return Json.write(message);
    }

    private void deliver(String jobId, Notification notification) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(notification.endpoint())).timeout(TIMEOUT);
        if (notification.snsMessageId() != null) {
            // What SNS sends with every HTTP delivery, and what subscribers dispatch on.
            builder.header("Content-Type", "text/plain; charset=UTF-8")
                    .header("x-amz-sns-message-type", "Notification")
                    .header("x-amz-sns-message-id", notification.snsMessageId())
                    .header("x-amz-sns-topic-arn", notification.topicArn());
        } else {
            builder.header("Content-Type", "application/json");
        }
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(notification.body())).build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw failed("Notification of job " + jobId + " to " + notification.endpoint() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("Notification of job " + jobId + " interrupted");
        }
        if (status / 100 != 2) {
            throw failed("Notification of job " + jobId + " to " + notification.endpoint() + " answered HTTP " + status);
        }
    }

    private static RetryLater failed(String message) {
        LOG.warn("{}; will retry", message);
        return new RetryLater(message);
    }

}
