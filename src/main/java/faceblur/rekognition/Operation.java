package faceblur.rekognition;

/** The operations served, by the {@code X-Amz-Target} header AWS JSON 1.1 clients name them with. */
public enum Operation {
    START_FACE_DETECTION("StartFaceDetection"),
    GET_FACE_DETECTION("GetFaceDetection");

    /** The service's target prefix, from the model's metadata ({@code targetPrefix}). */
    public static final String TARGET_PREFIX = "RekognitionService.";

    private final String operationName;

    Operation(String operationName) {
        this.operationName = operationName;
    }

    public String operationName() {
        return operationName;
    }

    /** The operation an X-Amz-Target names; another, or none, is what AWS calls an unknown operation. */
    public static Operation fromTarget(String target) {
        if (target != null && target.startsWith(TARGET_PREFIX)) {
            String name = target.substring(TARGET_PREFIX.length());
            for (Operation operation : values()) {
                if (operation.operationName.equals(name)) {
                    return operation;
                }
            }
        }
        throw new RekognitionException(ErrorType.UNKNOWN_OPERATION,
                target == null ? "Missing X-Amz-Target header" : "Unknown operation " + target);
    }
}
