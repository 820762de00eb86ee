package faceblur.jobs;

/** Rekognition's JobStatus. A job waiting for a worker reads IN_PROGRESS, as Rekognition has no queued state. */
public enum JobState {
    IN_PROGRESS, SUCCEEDED, FAILED
}
