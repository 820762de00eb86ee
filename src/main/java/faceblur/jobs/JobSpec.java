package faceblur.jobs;

import java.util.Objects;

/**
 * What a StartFaceDetection request asks for: the parameters that a repeated ClientRequestToken must match.
 * Only bucket and key are required; an omitted FaceAttributes is DEFAULT, as Rekognition reads it.
 */
public record JobSpec(String bucket, String key, String version, String faceAttributes, String jobTag,
                      String notificationTopicArn, String notificationRoleArn) {

    public JobSpec {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        faceAttributes = faceAttributes == null ? "DEFAULT" : faceAttributes;
    }

    /** A spec with only the video named. */
    public static JobSpec of(String bucket, String key) {
        return new JobSpec(bucket, key, null, null, null, null, null);
    }
}
