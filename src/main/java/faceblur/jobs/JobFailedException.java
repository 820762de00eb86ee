package faceblur.jobs;

/** Thrown by a {@link JobRunner}: the job cannot succeed (bad video, missing object); its message is the StatusMessage. */
public class JobFailedException extends Exception {

    public JobFailedException(String statusMessage) {
        super(statusMessage);
    }

    public JobFailedException(String statusMessage, Throwable cause) {
        super(statusMessage, cause);
    }
}
