package faceblur.pipeline;

/** A step cannot succeed however often it is tried (not a video, the object is gone): the job fails at once. */
final class PermanentFailure extends RuntimeException {

    PermanentFailure(String message) {
        super(message, null, false, false);
    }
}
