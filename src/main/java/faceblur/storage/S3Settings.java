package faceblur.storage;

import java.net.URI;

/**
 * How to reach a store. A null endpoint means AWS itself; null keys mean the SDK's default credential chain
 * (environment, ~/.aws, instance role...).
 */
public record S3Settings(URI endpoint, String region, String accessKeyId, String secretAccessKey) {

    public static final String DEFAULT_REGION = "us-east-1";

    public S3Settings {
        if (region == null || region.isBlank()) {
            region = DEFAULT_REGION;
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("give both the S3 access key id and the secret access key, or neither");
        }
    }

    /** An S3-compatible store at {@code endpoint} with explicit keys. */
    public static S3Settings of(URI endpoint, String accessKeyId, String secretAccessKey) {
        return new S3Settings(endpoint, DEFAULT_REGION, accessKeyId, secretAccessKey);
    }

    boolean hasKeys() {
        return accessKeyId != null;
    }

    /** Never print the secret, e.g. when settings end up in a log line. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region
                + ", accessKeyId=" + (accessKeyId == null ? "default chain" : accessKeyId) + "]";
    }
}
