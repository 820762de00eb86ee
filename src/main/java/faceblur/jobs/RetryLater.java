package faceblur.jobs;

/**
 * Hands a failed execution to db-scheduler's failure handler, which runs it again later. The reason has been
 * logged in one line already, so it carries no stack trace.
 */
public final class RetryLater extends RuntimeException {

    public RetryLater(String message) {
        super(message, null, false, false);
    }
}
