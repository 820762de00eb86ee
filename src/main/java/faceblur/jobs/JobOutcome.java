package faceblur.jobs;

import faceblur.rekognition.FaceDetectionResult;

import java.util.List;

/** What a successful run found: the video's metadata and every face sighting, in any order. */
public record JobOutcome(FaceDetectionResult.VideoMetadata videoMetadata, List<FaceDetectionResult.FaceDetection> faces) {

    public JobOutcome {
        faces = List.copyOf(faces);
    }
}
