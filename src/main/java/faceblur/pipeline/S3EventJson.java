package faceblur.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.storage.S3Location;
import faceblur.storage.StorageException;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What arrives on {@code POST /s3-events}, in the three shapes S3 uploads are announced in:
 * <ul>
 *   <li>an S3 event notification, as S3 sends it to a Lambda or SQS and MinIO's webhook sends it
 *       ({@code {"Records":[...]}}), read by the AWS SDK's own {@code s3-event-notifications} model;</li>
 *   <li>the same inside an SNS message ({@code "Type":"Notification"}, the notification as a string in
 *       {@code Message}), as SNS delivers to an HTTP subscriber; and SNS's {@code SubscriptionConfirmation};</li>
 *   <li>an EventBridge S3 event ({@code "source":"aws.s3"}, {@code "detail-type":"Object Created"}).</li>
 * </ul>
 * Anything else is refused with the reason. Keys come URL-encoded, with '+' for a space, in all three.
 */
public final class S3EventJson {

    /** How the event came. */
    public enum Envelope { S3_NOTIFICATION, SNS_NOTIFICATION, SNS_SUBSCRIPTION, EVENTBRIDGE }

    /**
     * One announced object.
     *
     * @param event   the event's name ("ObjectCreated:Put", "Object Created")
     * @param bucket  as announced, or null
     * @param key     decoded, or null
     * @param created the object version when this is a creation of a valid object, else null
     * @param skipped why not, when {@code created} is null
     */
    public record EventRecord(String event, String bucket, String key, ObjectVersion created, String skipped) {
    }

    /** SNS asking the subscriber to confirm (or telling it it left): confirmed by fetching {@code subscribeUrl}. */
    public record SnsSubscription(String type, String topicArn, URI subscribeUrl) {
    }

    /** A parsed body: records, or a subscription message (with no records). */
    public record Parsed(Envelope envelope, List<EventRecord> records, SnsSubscription subscription) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private S3EventJson() {
    }

    public static Parsed parse(byte[] body) {
        JsonNode root = object(body, "the body");
        if (root.has("Records") || "s3:TestEvent".equals(root.path("Event").asText())) {
            return new Parsed(Envelope.S3_NOTIFICATION, notificationRecords(body), null);
        }
        String type = root.path("Type").asText("");
        if (type.equals("Notification") && root.path("Message").isTextual()) {
            byte[] message = root.path("Message").asText().getBytes(StandardCharsets.UTF_8);
            JsonNode inner = object(message, "the SNS message's Message");
            if (!inner.has("Records") && !"s3:TestEvent".equals(inner.path("Event").asText())) {
                throw bad("the SNS message's Message is not an S3 event notification (no Records)");
            }
            return new Parsed(Envelope.SNS_NOTIFICATION, notificationRecords(message), null);
        }
        if (type.equals("SubscriptionConfirmation") || type.equals("UnsubscribeConfirmation")) {
            String url = root.path("SubscribeURL").asText(null);
            if (url == null) {
                throw bad("an SNS " + type + " without a SubscribeURL");
            }
            try {
                return new Parsed(Envelope.SNS_SUBSCRIPTION, List.of(),
                        new SnsSubscription(type, root.path("TopicArn").asText(""), URI.create(url)));
            } catch (IllegalArgumentException e) {
                throw bad("an SNS " + type + " whose SubscribeURL is not a URL");
            }
        }
        if (root.path("source").asText("").equals("aws.s3") && root.has("detail-type")) {
            return new Parsed(Envelope.EVENTBRIDGE, List.of(eventBridgeRecord(root)), null);
        }
        throw bad("not an S3 event: expected an S3 event notification (Records), an SNS message (Type) or an "
                + "EventBridge S3 event (source aws.s3, detail-type)");
    }

    private static List<EventRecord> notificationRecords(byte[] json) {
        S3EventNotification notification;
        try {
            notification = S3EventNotification.fromJson(json);
        } catch (RuntimeException e) {
            throw bad("an S3 event notification the AWS SDK cannot read (" + e.getMessage() + ")");
        }
        List<EventRecord> records = new ArrayList<>();
        // an AWS "s3:TestEvent" has no Records: nothing to do
        List<S3EventNotificationRecord> given = notification.getRecords() == null ? List.of() : notification.getRecords();
        for (int i = 0; i < given.size(); i++) {
            S3EventNotificationRecord r = given.get(i);
            if (r == null) {
                throw bad("record " + i + " of the S3 event notification is not a JSON object");
            }
            String event = r.getEventName() == null ? "" : r.getEventName();
            boolean hasObject = r.getS3() != null && r.getS3().getBucket() != null && r.getS3().getObject() != null;
            // MinIO writes "s3:ObjectCreated:Put", AWS "ObjectCreated:Put"
            boolean creation = event.replaceFirst("^s3:", "").startsWith("ObjectCreated:");
            records.add(record(event, creation,
                    hasObject ? r.getS3().getBucket().getName() : null,
                    hasObject ? r.getS3().getObject().getKey() : null,
                    hasObject ? r.getS3().getObject().getETag() : null,
                    hasObject && r.getS3().getObject().getSizeAsLong() != null ? r.getS3().getObject().getSizeAsLong() : -1));
        }
        return records;
    }

    private static EventRecord eventBridgeRecord(JsonNode root) {
        String event = root.path("detail-type").asText();
        JsonNode detail = root.path("detail");
        JsonNode object = detail.path("object");
        return record(event, event.equals("Object Created"), detail.path("bucket").path("name").asText(null),
                object.path("key").asText(null), object.path("etag").asText(null), object.path("size").asLong(-1));
    }

    private static EventRecord record(String event, boolean creation, String bucket, String encodedKey, String eTag,
                                      long size) {
        if (!creation) {
            return new EventRecord(event, bucket, encodedKey, null, "not an object creation");
        }
        if (bucket == null || encodedKey == null) {
            return new EventRecord(event, bucket, encodedKey, null, "names no bucket or key");
        }
        try {
            String key = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
            return new EventRecord(event, bucket, key, new ObjectVersion(new S3Location(bucket, key), eTag, size), null);
        } catch (StorageException | IllegalArgumentException e) {
            return new EventRecord(event, bucket, encodedKey, null, e.getMessage());
        }
    }

    private static JsonNode object(byte[] json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            throw bad(what + " is not JSON");
        }
        throw bad(what + " is not a JSON object");
    }

    private static PipelineException bad(String reason) {
        return new PipelineException(PipelineException.Kind.BAD_REQUEST, reason);
    }
}
