package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code StartFaceDetection}. Being a record, two requests with the same parameters are
 * {@link #equals equal}, which is what idempotency compares (a token reused with other parameters is a mismatch).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartFaceDetectionRequest(
        @JsonProperty("Video") Video video,
        @JsonProperty("ClientRequestToken") String clientRequestToken,
        @JsonProperty("NotificationChannel") NotificationChannel notificationChannel,
        @JsonProperty("FaceAttributes") String faceAttributes,
        @JsonProperty("JobTag") String jobTag) {
}
