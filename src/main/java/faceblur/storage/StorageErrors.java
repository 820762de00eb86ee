package faceblur.storage;

import faceblur.storage.StorageException.Kind;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The one place that turns what the AWS SDK throws into a {@link StorageException} a user can read. */
final class StorageErrors {

    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchVersion", "NotFound");
    private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "RequestTimeTooSkewed", "ExpiredToken", "InvalidToken", "AllAccessDisabled");

    private StorageErrors() {
    }

    /**
     * @param action what was being done, e.g. "download", for the message
     * @param what   the s3:// location (or bucket) it was done to
     * @param versioned whether the request named a version: AWS answers 400, not 404, for a version id it never issued
     */
    static StorageException translate(SdkException e, String action, String what, boolean versioned) {
        if (e instanceof AwsServiceException service) {
            return fromService(service, action, what, versioned);
        }
        Kind kind = isTransient(e) ? Kind.TRANSIENT : Kind.FAILED;
        return new StorageException(kind, "cannot " + action + " " + what + ": " + clientReason(e), e);
    }

    private static StorageException fromService(AwsServiceException e, String action, String what, boolean versioned) {
        int status = e.statusCode();
        // HEAD responses have no body, hence no error code.
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
        Kind kind;
        String reason;
        if (versioned && (status == 501 || "NotImplemented".equals(code))) {
            // A store that keeps no versions (the built-in one) has none to give: as AWS answers for a version
            // it never issued, not a fault to retry.
            kind = Kind.NOT_FOUND;
            reason = "the store keeps no versions of objects, so it has no such version";
        } else if (status == 404 || NOT_FOUND_CODES.contains(code) || (versioned && status == 400)) {
            kind = Kind.NOT_FOUND;
            reason = "NoSuchBucket".equals(code) ? "the bucket does not exist" : "it does not exist";
        } else if (status == 401 || status == 403 || DENIED_CODES.contains(code)) {
            kind = Kind.ACCESS_DENIED;
            reason = "access denied";
        } else if (status >= 500 || status == 429 || e.isThrottlingException()) {
            kind = Kind.TRANSIENT;
            reason = "the store is unavailable or busy, try again later";
        } else if ("InvalidBucketName".equals(code) || "KeyTooLongError".equals(code)) {
            kind = Kind.INVALID_LOCATION;
            reason = "the store refuses this name";
        } else {
            kind = Kind.FAILED;
            reason = "the store refused the request";
        }
        String detail = serviceDetail(e, status, code);
        return new StorageException(kind, "cannot " + action + " " + what + ": " + reason + " (" + detail + ")", e);
    }

    private static String serviceDetail(AwsServiceException e, int status, String code) {
        StringBuilder detail = new StringBuilder("HTTP ").append(status);
        if (!code.isBlank()) {
            detail.append(' ').append(code);
        }
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        if (message != null && !message.isBlank() && !message.equals(code)) {
            detail.append(": ").append(oneLine(message));
        }
        return detail.toString();
    }

    private static boolean isTransient(Throwable e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        // A host that does not resolve is a configuration mistake; a refused, reset or timed-out connection is not.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return false;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return e instanceof SdkClientException client && client.retryable();
    }

    /** The SDK's own messages run to paragraphs; the innermost cause says what happened. */
    private static String clientReason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        String message = root.getMessage();
        String name = root.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return name;
        }
        return root == e ? oneLine(message) : name + ": " + oneLine(message);
    }

    private static String oneLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
