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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Completion messages: Rekognition publishes them to the job's SNS topic; here each topic ARN maps to an HTTP
 * endpoint that gets the same JSON, POSTed until it answers 2xx.
 */
final class Notifications {

    static final String TASK_NAME = "notify";
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The endpoint is resolved when the job ends, so the message still goes out after the job expires. */
    record Notification(String endpoint, String body) {
    }

    private final Map<String, URI> endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final OneTimeTask<Notification> task;

    Notifications(JobSettings settings, int priority) {
        this.endpoints = settings.notificationEndpoints();
        this.task = Tasks.oneTime(TASK_NAME, Notification.class)
                .onFailure(new Backoff<>(settings.heartbeat()))
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
        scheduler.scheduleIfNotExists(task.instance(job.jobId(), new Notification(endpoint.toString(), message(job, at))), at);
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(notification.endpoint()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(notification.body()))
                .build();
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
