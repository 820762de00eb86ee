package faceblur.jobs;

import faceblur.rekognition.FaceDetectionResult;

import java.time.Instant;

/** A face-detection job as GetFaceDetection reports it; the faces themselves are paged separately. */
public record Job(String jobId, JobSpec spec, JobState state, String statusMessage, Instant createdAt,
                  Instant finishedAt, FaceDetectionResult.VideoMetadata videoMetadata, int faceCount) {

    public boolean finished() {
        return state != JobState.IN_PROGRESS;
    }
}
