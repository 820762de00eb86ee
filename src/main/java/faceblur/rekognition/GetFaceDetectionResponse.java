package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import faceblur.rekognition.FaceDetectionResult.FaceDetection;
import faceblur.rekognition.FaceDetectionResult.VideoMetadata;

import java.util.List;

/**
 * One page of a {@code GetFaceDetection} response of the service: the result's fields, plus the job's own
 * ({@code JobId}, {@code Video}, {@code JobTag}) that the real service echoes on every page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetFaceDetectionResponse(
        @JsonProperty("JobStatus") String jobStatus,
        @JsonProperty("StatusMessage") String statusMessage,
        @JsonProperty("VideoMetadata") VideoMetadata videoMetadata,
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("Faces") List<FaceDetection> faces,
        @JsonProperty("JobId") String jobId,
        @JsonProperty("Video") Video video,
        @JsonProperty("JobTag") String jobTag) {
}
