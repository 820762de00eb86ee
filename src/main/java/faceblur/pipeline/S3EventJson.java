package faceblur.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.storage.S3Location;
import faceblur.storage.StorageException;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The S3 event-notification JSON that AWS (through SNS, EventBridge or a Lambda) and MinIO's webhook send:
 * {@code {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":..},"object":{"key":..,"eTag":..}}}]}}.
 * Every record counts, not only the last; keys come URL-encoded, with '+' for a space.
 */
public final class S3EventJson {

    /**
     * @param created the created objects, in record order
     * @param skipped records of other events (removals, tests) or naming no valid object
     */
    public record Parsed(List<ObjectVersion> created, int skipped) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private S3EventJson() {
    }

    public static Parsed parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new PipelineException(PipelineException.Kind.BAD_REQUEST, "the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new PipelineException(PipelineException.Kind.BAD_REQUEST, "expected an S3 event object");
        }
        List<ObjectVersion> created = new ArrayList<>();
        int skipped = 0;
        // an AWS "s3:TestEvent" has no Records: nothing to do
        for (JsonNode record : root.path("Records")) {
            ObjectVersion version = created(record);
            if (version == null) {
                skipped++;
            } else {
                created.add(version);
            }
        }
        return new Parsed(created, skipped);
    }

    private static ObjectVersion created(JsonNode record) {
        String event = record.path("eventName").asText("");
        // MinIO writes "s3:ObjectCreated:Put", AWS "ObjectCreated:Put"
        if (!event.replaceFirst("^s3:", "").startsWith("ObjectCreated:")) {
            return null;
        }
        JsonNode s3 = record.path("s3");
        String bucket = s3.path("bucket").path("name").asText(null);
        String key = s3.path("object").path("key").asText(null);
        if (bucket == null || key == null) {
            return null;
        }
        JsonNode eTag = s3.path("object").path("eTag");
        try {
            S3Location location = new S3Location(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8));
            return new ObjectVersion(location, eTag.isTextual() ? eTag.asText() : null,
                    s3.path("object").path("size").asLong(-1));
        } catch (StorageException | IllegalArgumentException e) {
            return null;
        }
    }
}
