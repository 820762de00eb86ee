package faceblur;

/**
 * A failure the user can act on: bad input, a missing model, an output in the way. Its message is one line
 * that names the thing and the reason, shown as it is, without a stack trace.
 */
public class FaceblurException extends RuntimeException {

    public FaceblurException(String message) {
        super(message);
    }

    public FaceblurException(String message, Throwable cause) {
        super(message, cause);
    }
}
