package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.util.RawValue;
import faceblur.rekognition.FaceDetectionResult.VideoMetadata;

/**
 * One page of a {@code GetFaceDetection} response of the service: the result's fields, plus the job's own
 * ({@code JobId}, {@code Video}, {@code JobTag}) that the real service echoes on every page. {@code Faces} is
 * the page's JSON array as it is sent: pages of finished jobs are serialized once and served many times.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetFaceDetectionResponse(
        @JsonProperty("JobStatus") String jobStatus,
        @JsonProperty("StatusMessage") String statusMessage,
        @JsonProperty("VideoMetadata") VideoMetadata videoMetadata,
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("Faces") RawValue faces,
        @JsonProperty("JobId") String jobId,
        @JsonProperty("Video") Video video,
        @JsonProperty("JobTag") String jobTag) {
}
