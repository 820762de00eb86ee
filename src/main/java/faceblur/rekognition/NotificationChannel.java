package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where to publish a job's completion message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationChannel(
        @JsonProperty("SNSTopicArn") String snsTopicArn,
        @JsonProperty("RoleArn") String roleArn) {
}
