package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An error body as Rekognition writes it: {@code {"__type":"X","Code":"X","Message":"..."}}. botocore reads
 * {@code __type}; {@code Code} is there because Rekognition sends it and some clients read it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(
        @JsonProperty("__type") String type,
        @JsonProperty("Code") String code,
        @JsonProperty("Message") String message) {
}
