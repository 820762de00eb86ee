package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The video of a job: only stored videos, in S3, as in Rekognition. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Video(@JsonProperty("S3Object") S3Object s3Object) {
}
