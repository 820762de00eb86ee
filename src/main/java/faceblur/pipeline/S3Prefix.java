package faceblur.pipeline;

import faceblur.storage.S3Location;
import faceblur.storage.StorageException;

/**
 * A folder of a bucket, {@code s3://bucket/prefix/}. The prefix is kept with a trailing slash (or empty), so that
 * {@code s3://b/in} watches {@code in/x.mp4} and not {@code inbox/x.mp4}.
 */
public record S3Prefix(String bucket, String prefix) {

    private static final String SCHEME = "s3://";

    public S3Prefix {
        S3Location.requireValidBucket(bucket);
        prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix)
                : prefix + "/";
        if (!prefix.isEmpty() && S3Location.keyProblem(prefix) != null) {
            throw new StorageException(StorageException.Kind.INVALID_LOCATION,
                    "the prefix \"" + prefix + "\" " + S3Location.keyProblem(prefix));
        }
    }

    /** {@code s3://bucket} or {@code s3://bucket/prefix}. */
    public static S3Prefix parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME) || uri.length() == SCHEME.length()) {
            throw new StorageException(StorageException.Kind.INVALID_LOCATION,
                    "\"" + uri + "\" is not an S3 folder: write s3://bucket/prefix");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Prefix(rest, "") : new S3Prefix(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The folder an object is in, for a job submitted without a rule. */
    public static S3Prefix folderOf(S3Location location) {
        int slash = location.key().lastIndexOf('/');
        return new S3Prefix(location.bucket(), slash < 0 ? "" : location.key().substring(0, slash + 1));
    }

    public boolean contains(String objectBucket, String key) {
        return bucket.equals(objectBucket) && key.startsWith(prefix) && key.length() > prefix.length();
    }

    /** Whether every key under {@code other} is also under this prefix. */
    public boolean covers(S3Prefix other) {
        return bucket.equals(other.bucket) && other.prefix.startsWith(prefix);
    }

    public String relative(String key) {
        return key.substring(prefix.length());
    }

    public S3Location resolve(String relativeKey) {
        return new S3Location(bucket, prefix + relativeKey);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + prefix;
    }
}
