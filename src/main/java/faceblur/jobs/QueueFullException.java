package faceblur.jobs;

/** Too many unfinished jobs to take another (Rekognition's LimitExceededException). */
public class QueueFullException extends RuntimeException {

    public QueueFullException(int limit) {
        super("There are already " + limit + " unfinished face-detection jobs; try again when some have finished");
    }
}
