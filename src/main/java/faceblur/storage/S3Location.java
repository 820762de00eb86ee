package faceblur.storage;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One object in a bucket, optionally one version of it. Keys are checked here, once, so that no key taken from a
 * request can step outside its bucket when the bucket is a folder on disk.
 */
public record S3Location(String bucket, String key, String version) {

    /* Rekognition's pattern for S3Object.Bucket; it also admits every name S3's own rules allow. */
    private static final Pattern BUCKET = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{1,253}[0-9A-Za-z]");
    private static final int MAX_KEY_BYTES = 1024;
    private static final String SCHEME = "s3://";

    public S3Location {
        requireValidBucket(bucket);
        String problem = keyProblem(key);
        if (problem != null) {
            throw invalid("the key " + quoted(key) + " in bucket " + bucket + " " + problem);
        }
        if (version != null && (version.isEmpty() || version.length() > 1024 || hasControlCharacter(version))) {
            throw invalid("the version id " + quoted(version) + " of " + SCHEME + bucket + "/" + key + " is not valid");
        }
    }

    public S3Location(String bucket, String key) {
        this(bucket, key, null);
    }

    /** {@code s3://bucket/key}, the form people type; a version cannot be written this way. */
    public static S3Location parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw invalid(quoted(uri) + " is not an S3 location: write s3://bucket/key");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw invalid(quoted(uri) + " names no object: write s3://bucket/key");
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The same object, another key beside or under it, e.g. an output next to its input. */
    public S3Location withKey(String newKey) {
        return new S3Location(bucket, newKey);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }

    public static void requireValidBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw invalid("the bucket name " + quoted(bucket)
                    + " is not valid: 3 to 255 letters, digits, '.', '-' or '_', starting and ending with a letter or digit");
        }
    }

    /** Why a key must be refused, or null if it is safe; also used for prefixes, which may be empty. */
    public static String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "is empty";
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return "is longer than " + MAX_KEY_BYTES + " bytes";
        }
        if (key.startsWith("/")) {
            return "starts with '/'";
        }
        if (key.indexOf('\\') >= 0) {
            return "contains a backslash";
        }
        if (hasControlCharacter(key)) {
            return "contains a control character";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "contains a '" + segment + "' path segment";
            }
        }
        return null;
    }

    private static boolean hasControlCharacter(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    /** Keys may hold anything; the message must stay one printable line. */
    private static String quoted(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("\"");
        String shown = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }

    private static StorageException invalid(String message) {
        return new StorageException(StorageException.Kind.INVALID_LOCATION, message);
    }
}
