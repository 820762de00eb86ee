package faceblur.rekognition;

/**
 * Every error {@code StartFaceDetection} and {@code GetFaceDetection} can answer with, as AWS names it on the wire
 * ({@code __type} in the body, {@code x-amzn-ErrorType} in the headers) and with the HTTP status AWS gives it.
 *
 * <p>botocore picks the exception class from {@code __type}, the Java SDK from the header, and both decide whether to
 * retry from the name and the status, so these must match AWS exactly: a client that retries a 400 we should have
 * answered 500 with, or gives up on a throttle, behaves differently here than against AWS.
 */
public enum ErrorType {
    // The operations' own errors, as botocore's service model lists them. Amazon Rekognition's error-handling page
    // gives all of them HTTP 400 except InternalServerError (500).
    ACCESS_DENIED("AccessDeniedException", 400),
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatchException", 400),
    INVALID_PARAMETER("InvalidParameterException", 400),
    INVALID_S3_OBJECT("InvalidS3ObjectException", 400),
    VIDEO_TOO_LARGE("VideoTooLargeException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    THROTTLING("ThrottlingException", 400),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400),
    INTERNAL_SERVER_ERROR("InternalServerError", 500),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    INVALID_PAGINATION_TOKEN("InvalidPaginationTokenException", 400),

    // What the AWS JSON front end (Coral) answers before an operation runs; not in the service model, so botocore
    // raises a plain ClientError carrying the code and the Java SDK a RekognitionException with it: the same as AWS.

    /**
     * A value breaks a constraint of the model (required, length, pattern, enum, range). Rekognition answers these
     * with ValidationException, not its modelled InvalidParameterException, e.g. IndexFaces: "An error occurred
     * (ValidationException) ...: 1 validation error detected: Value '...' at 'externalImageId' failed to satisfy
     * constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.\-:]+".
     * InvalidParameterException stays for what the service itself finds wrong with valid-looking values.
     */
    VALIDATION("ValidationException", 400),
    /** The body is not JSON, not an object, or a member has the wrong JSON type. */
    SERIALIZATION("SerializationException", 400),
    /** X-Amz-Target names no operation of this service. */
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    // Authentication: Coral-fronted JSON services (DynamoDB, Cognito, Rekognition) answer these with 400, where
    // REST services behind API Gateway use 403.
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
    INVALID_SIGNATURE("InvalidSignatureException", 400),
    /**
     * The body is larger than the service takes. Lambda, the AWS JSON-family service whose body limit clients meet
     * most, answers 413 with "RequestEntityTooLargeException: Request must be smaller than 6291556 bytes for the
     * Invoke operation"; 413 is also what DynamoDB documents as its other client status. 413 matters beyond the
     * name: neither botocore nor the Java SDK retries it, where they would retry some 400s.
     */
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413);

    private final String typeName;
    private final int httpStatus;

    ErrorType(String typeName, int httpStatus) {
        this.typeName = typeName;
        this.httpStatus = httpStatus;
    }

    /** The name AWS puts in {@code __type} and {@code x-amzn-ErrorType}. */
    public String typeName() {
        return typeName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
