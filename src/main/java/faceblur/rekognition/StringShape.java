package faceblur.rekognition;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A string shape of the service model with its constraints. Patterns must match the whole value: AWS rejects
 * 'train/jisoo/x.PNG' for {@code [a-zA-Z0-9_.\-:]+}, which a partial match would accept. Lengths count code points,
 * as the model's length trait does.
 */
record StringShape(int min, int max, Pattern pattern, List<String> enumValues) {

    // Constraints as in botocore 1.43's rekognition/2016-06-27 model (newer than Debian's: JobTag grew to 1024
    // and took '+', '=' and '/').
    static final StringShape S3_BUCKET = of(3, 255, "[0-9A-Za-z\\.\\-_]*");
    static final StringShape S3_OBJECT_NAME = of(1, 1024, null);
    static final StringShape S3_OBJECT_VERSION = of(1, 1024, null);
    static final StringShape CLIENT_REQUEST_TOKEN = of(1, 64, "^[a-zA-Z0-9-_]+$");
    static final StringShape JOB_TAG = of(1, 1024, "[a-zA-Z0-9_.\\-:+=\\/]+");
    static final StringShape JOB_ID = of(1, 64, "^[a-zA-Z0-9-_]+$");
    static final StringShape PAGINATION_TOKEN = of(0, 255, null);
    static final StringShape SNS_TOPIC_ARN = of(0, Integer.MAX_VALUE, "(^arn:aws:sns:.*:\\w{12}:.+$)");
    static final StringShape ROLE_ARN = of(0, Integer.MAX_VALUE, "arn:aws:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    static final StringShape FACE_ATTRIBUTES = new StringShape(0, Integer.MAX_VALUE, null, List.of("DEFAULT", "ALL"));

    private static StringShape of(int min, int max, String regex) {
        return new StringShape(min, max, regex == null ? null : Pattern.compile(regex), List.of());
    }

    /** Records each constraint the value breaks; an absent value breaks none (requiredness is the caller's). */
    void check(String path, String value, Violations violations) {
        if (value == null) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            violations.add(path, value, "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            violations.add(path, value, "Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            violations.add(path, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        if (!enumValues.isEmpty() && !enumValues.contains(value)) {
            violations.add(path, value, "Member must satisfy enum value set: " + enumValues);
        }
    }
}
