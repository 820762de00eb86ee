package faceblur.jobs;

/** A ClientRequestToken reused with other parameters (Rekognition's IdempotentParameterMismatchException). */
public class IdempotencyMismatchException extends RuntimeException {

    public IdempotencyMismatchException(String clientRequestToken) {
        super("ClientRequestToken " + clientRequestToken + " was already used with different parameters");
    }
}
