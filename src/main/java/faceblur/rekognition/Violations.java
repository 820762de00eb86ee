package faceblur.rekognition;

import java.util.ArrayList;
import java.util.List;

/**
 * The constraint violations of one request, reported all at once in the words of AWS's JSON front end:
 * "2 validation errors detected: Value 'ab' at 'video.s3Object.bucket' failed to satisfy constraint: Member must
 * have length greater than or equal to 3; Value null at ...". Paths are the members' names with a lower-case first
 * letter, joined by dots, as AWS writes them.
 */
final class Violations {

    private final List<String> messages = new ArrayList<>();

    void add(String path, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        messages.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    /** True when the value is there; records "Member must not be null" otherwise. */
    boolean required(String path, Object value) {
        if (value == null) {
            add(path, null, "Member must not be null");
            return false;
        }
        return true;
    }

    void atLeast(String path, Integer value, int min) {
        if (value != null && value < min) {
            add(path, value, "Member must have value greater than or equal to " + min);
        }
    }

    void throwIfAny() {
        if (!messages.isEmpty()) {
            String count = messages.size() == 1 ? "1 validation error" : messages.size() + " validation errors";
            throw new RekognitionException(ErrorType.VALIDATION,
                    count + " detected: " + String.join("; ", messages));
        }
    }
}
