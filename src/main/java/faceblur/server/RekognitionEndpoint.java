package faceblur.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import faceblur.rekognition.ErrorType;
import faceblur.rekognition.Operation;
import faceblur.rekognition.RekognitionException;
import faceblur.rekognition.RekognitionJson;
import faceblur.rekognition.RekognitionRequests;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.UUID;

/**
 * {@code POST /} in AWS JSON 1.1, as Amazon Rekognition speaks it: checks the body's size and the SigV4
 * signature, dispatches on {@code X-Amz-Target}, and turns every failure into AWS's error shape
 * ({@code __type} and {@code Message} in the body, {@code x-amzn-ErrorType} header), so that boto3 and the
 * Java SDK raise their own exception classes.
 */
final class RekognitionEndpoint {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Logger LOG = LoggerFactory.getLogger(RekognitionEndpoint.class);

    private final FaceDetectionOperations operations;
    private final SigV4Verifier verifier;
    private final ServerMetrics metrics;

    RekognitionEndpoint(FaceDetectionOperations operations, SigV4Verifier verifier, ServerMetrics metrics) {
        this.operations = operations;
        this.verifier = verifier;
        this.metrics = metrics;
    }

    void handle(Context ctx) {
        String requestId = UUID.randomUUID().toString();
        ctx.header("x-amzn-RequestId", requestId);
        String operation = "unknown";
        try {
            byte[] body = readBody(ctx);
            verifier.verify(HttpRequests.signed(ctx, body));
            Operation target = Operation.fromTarget(ctx.header("X-Amz-Target"));
            operation = target.operationName();
            Object response = switch (target) {
                case START_FACE_DETECTION -> operations.start(RekognitionRequests.parseStart(body));
                case GET_FACE_DETECTION -> operations.get(RekognitionRequests.parseGet(body));
            };
            ctx.status(200).contentType(CONTENT_TYPE);
            // streamed: a page of 1000 faces is over half a megabyte, not worth a copy per request
            RekognitionJson.mapper().writeValue(ctx.res().getOutputStream(), response);
            metrics.request(operation, "200");
        } catch (RekognitionException e) {
            error(ctx, e);
            metrics.request(operation, e.type().typeName());
        } catch (RuntimeException | IOException e) {
            LOG.error("request {} ({}) failed", requestId, operation, e);
            error(ctx, new RekognitionException(ErrorType.INTERNAL_SERVER_ERROR,
                    "Internal server error (request " + requestId + ")."));
            metrics.request(operation, ErrorType.INTERNAL_SERVER_ERROR.typeName());
        }
    }

    private static void error(Context ctx, RekognitionException error) {
        ErrorType type = error.type();
        try {
            ctx.status(type.httpStatus()).contentType(CONTENT_TYPE)
                    .header("x-amzn-ErrorType", type.typeName())
                    .result(RekognitionJson.mapper().writeValueAsBytes(error.toResponse()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] readBody(Context ctx) {
        try {
            return HttpRequests.body(ctx, RekognitionRequests.MAX_BODY_BYTES, () -> tooLarge(ctx));
        } catch (IOException e) {
            throw new RekognitionException(ErrorType.SERIALIZATION, "Could not read the request body.");
        }
    }

    private RekognitionException tooLarge(Context ctx) {
        Operation operation;
        try {
            operation = Operation.fromTarget(ctx.header("X-Amz-Target"));
        } catch (RekognitionException unknown) {
            return unknown;
        }
        return RekognitionRequests.bodyTooLarge(operation);
    }
}
