package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a video lies in S3. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3Object(
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("Name") String name,
        @JsonProperty("Version") String version) {
}
