package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonProperty;

public record StartFaceDetectionResponse(@JsonProperty("JobId") String jobId) {
}
