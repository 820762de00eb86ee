package faceblur.rekognition;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Reads the two operations' request bodies as AWS's JSON front end does: first the JSON itself (not JSON, not an
 * object, or a member of the wrong JSON type: SerializationException), then every constraint of the service model
 * (ValidationException listing all violations). Unknown members are ignored, as AWS does so that older services
 * take newer clients' requests; an explicit null is an absent member; an empty body is {@code {}}.
 */
public final class RekognitionRequests {

    /**
     * The largest body read. The largest valid StartFaceDetection body is about 4 KB (every member at its maximum
     * length); 64 KiB leaves room for unknown members from newer clients while bounding what one request may hold.
     */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** Strict about types where the default mapper coerces: "10" is no integer, 10 no string, 1.5 no integer. */
    private static final ObjectMapper MAPPER = strictMapper();

    private RekognitionRequests() {
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /** Lambda's wording for its own body limit: the one AWS JSON-family answer to an oversized body clients know. */
    public static RekognitionException bodyTooLarge(Operation operation) {
        return new RekognitionException(ErrorType.REQUEST_ENTITY_TOO_LARGE, "Request must be smaller than "
                + MAX_BODY_BYTES + " bytes for the " + operation.operationName() + " operation");
    }

    public static StartFaceDetectionRequest parseStart(byte[] body) {
        StartFaceDetectionRequest request = read(body, StartFaceDetectionRequest.class, Operation.START_FACE_DETECTION);
        Violations v = new Violations();
        if (v.required("video", request.video())) {
            S3Object s3 = request.video().s3Object();
            // S3Object is optional in the model (Video is a union-like shape); without it there is nothing to
            // read, which AWS reports as an invalid parameter rather than a constraint violation.
            if (s3 != null) {
                StringShape.S3_BUCKET.check("video.s3Object.bucket", s3.bucket(), v);
                StringShape.S3_OBJECT_NAME.check("video.s3Object.name", s3.name(), v);
                StringShape.S3_OBJECT_VERSION.check("video.s3Object.version", s3.version(), v);
            }
        }
        StringShape.CLIENT_REQUEST_TOKEN.check("clientRequestToken", request.clientRequestToken(), v);
        NotificationChannel channel = request.notificationChannel();
        if (channel != null) {
            if (v.required("notificationChannel.sNSTopicArn", channel.snsTopicArn())) {
                StringShape.SNS_TOPIC_ARN.check("notificationChannel.sNSTopicArn", channel.snsTopicArn(), v);
            }
            if (v.required("notificationChannel.roleArn", channel.roleArn())) {
                StringShape.ROLE_ARN.check("notificationChannel.roleArn", channel.roleArn(), v);
            }
        }
        StringShape.FACE_ATTRIBUTES.check("faceAttributes", request.faceAttributes(), v);
        StringShape.JOB_TAG.check("jobTag", request.jobTag(), v);
        v.throwIfAny();
        S3Object s3 = request.video().s3Object();
        if (s3 == null || s3.bucket() == null || s3.name() == null) {
            throw new RekognitionException(ErrorType.INVALID_PARAMETER,
                    "Request has invalid parameters: Video.S3Object needs a Bucket and a Name");
        }
        return request;
    }

    public static GetFaceDetectionRequest parseGet(byte[] body) {
        GetFaceDetectionRequest request = read(body, GetFaceDetectionRequest.class, Operation.GET_FACE_DETECTION);
        Violations v = new Violations();
        if (v.required("jobId", request.jobId())) {
            StringShape.JOB_ID.check("jobId", request.jobId(), v);
        }
        v.atLeast("maxResults", request.maxResults(), 1);
        StringShape.PAGINATION_TOKEN.check("nextToken", request.nextToken(), v);
        v.throwIfAny();
        return request;
    }

    private static <T> T read(byte[] body, Class<T> type, Operation operation) {
        if (body != null && body.length > MAX_BODY_BYTES) {
            throw bodyTooLarge(operation);
        }
        byte[] json = body == null || new String(body, StandardCharsets.UTF_8).isBlank()
                ? "{}".getBytes(StandardCharsets.US_ASCII) : body;
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (JsonParseException e) {
            throw new RekognitionException(ErrorType.SERIALIZATION, "Malformed JSON: " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            throw new RekognitionException(ErrorType.SERIALIZATION, mappingMessage(e));
        } catch (JsonProcessingException e) {
            throw new RekognitionException(ErrorType.SERIALIZATION, e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
        if (value == null) {
            throw new RekognitionException(ErrorType.SERIALIZATION, "The request body must be a JSON object");
        }
        return value;
    }

    /** Names the member in AWS's path style; Jackson's own text names Java classes, which mean nothing to clients. */
    private static String mappingMessage(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? lowerFirst(ref.getFieldName()) : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String where = path.isEmpty() ? "the request body" : "'" + path + "'";
        return "Unexpected JSON value at " + where + ": expected " + expected(e);
    }

    private static String expected(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target == null) {
            return "a value of the member's type";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Integer.class || target == int.class) {
            return "an integer";
        }
        return "a JSON object";
    }

    private static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
