package faceblur.rekognition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RekognitionRequestsTest {

    private static final String VIDEO = "\"Video\":{\"S3Object\":{\"Bucket\":\"videos\",\"Name\":\"a.mp4\"}}";

    private static StartFaceDetectionRequest start(String json) {
        return RekognitionRequests.parseStart(json.getBytes(StandardCharsets.UTF_8));
    }

    private static GetFaceDetectionRequest get(String json) {
        return RekognitionRequests.parseGet(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(Runnable parse, ErrorType type, String message) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(RekognitionException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aFullStartRequestReadsEveryMember() {
        StartFaceDetectionRequest r = start("{" + VIDEO.replace("}}", ",\"Version\":\"v1\"}}")
                + ",\"ClientRequestToken\":\"t-1_A\",\"FaceAttributes\":\"DEFAULT\",\"JobTag\":\"a:b+c=d/e\","
                + "\"NotificationChannel\":{\"SNSTopicArn\":\"arn:aws:sns:us-east-1:123456789012:AmazonRekognition\","
                + "\"RoleArn\":\"arn:aws:iam::123456789012:role/R\"}}");
        assertThat(r).isEqualTo(new StartFaceDetectionRequest(new Video(new S3Object("videos", "a.mp4", "v1")),
                "t-1_A", new NotificationChannel("arn:aws:sns:us-east-1:123456789012:AmazonRekognition",
                "arn:aws:iam::123456789012:role/R"), "DEFAULT", "a:b+c=d/e"));
    }

    @Test
    void unknownMembersAndExplicitNullsAreIgnored() {
        StartFaceDetectionRequest r = start("{" + VIDEO + ",\"SomethingNew\":{\"x\":[1]},\"JobTag\":null}");
        assertThat(r.jobTag()).isNull();
        assertThat(r.video().s3Object().bucket()).isEqualTo("videos");
    }

    @Test
    void missingVideo() {
        assertError(() -> start("{\"JobTag\":\"x\"}"), ErrorType.VALIDATION, "1 validation error detected: "
                + "Value null at 'video' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void anEmptyBodyIsAnEmptyObject() {
        assertError(() -> RekognitionRequests.parseStart(new byte[0]), ErrorType.VALIDATION,
                "1 validation error detected: Value null at 'video' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void bucketTooShort() {
        assertError(() -> start("{\"Video\":{\"S3Object\":{\"Bucket\":\"ab\",\"Name\":\"a.mp4\"}}}"),
                ErrorType.VALIDATION, "1 validation error detected: Value 'ab' at 'video.s3Object.bucket' failed to "
                        + "satisfy constraint: Member must have length greater than or equal to 3");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        assertError(() -> start("{\"Video\":{\"S3Object\":{\"Bucket\":\"s3://b\",\"Name\":\"\"}},"
                        + "\"FaceAttributes\":\"SOME\"}"), ErrorType.VALIDATION,
                "3 validation errors detected: "
                        + "Value 's3://b' at 'video.s3Object.bucket' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: [0-9A-Za-z\\.\\-_]*; "
                        + "Value '' at 'video.s3Object.name' failed to satisfy constraint: Member must have length "
                        + "greater than or equal to 1; "
                        + "Value 'SOME' at 'faceAttributes' failed to satisfy constraint: Member must satisfy enum "
                        + "value set: [DEFAULT, ALL]");
    }

    @Test
    void faceAttributesOutsideTheEnum() {
        assertError(() -> start("{" + VIDEO + ",\"FaceAttributes\":\"SOME\"}"), ErrorType.VALIDATION,
                "1 validation error detected: Value 'SOME' at 'faceAttributes' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [DEFAULT, ALL]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "dot.not.allowed", "x/y"})
    void clientRequestTokenPatternMustMatchTheWholeValue(String token) {
        assertError(() -> start("{" + VIDEO + ",\"ClientRequestToken\":\"" + token + "\"}"), ErrorType.VALIDATION,
                "1 validation error detected: Value '" + token + "' at 'clientRequestToken' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]+$");
    }

    @Test
    void tokenTooLongAndJobTagWithASpace() {
        String token = "a".repeat(65);
        assertError(() -> start("{" + VIDEO + ",\"ClientRequestToken\":\"" + token + "\",\"JobTag\":\"a b\"}"),
                ErrorType.VALIDATION, "2 validation errors detected: Value '" + token + "' at 'clientRequestToken' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 64; "
                        + "Value 'a b' at 'jobTag' failed to satisfy constraint: Member must satisfy regular "
                        + "expression pattern: [a-zA-Z0-9_.\\-:+=\\/]+");
    }

    @Test
    void aNotificationChannelNeedsBothArns() {
        assertError(() -> start("{" + VIDEO + ",\"NotificationChannel\":{\"SNSTopicArn\":\"topic\"}}"),
                ErrorType.VALIDATION, "2 validation errors detected: Value 'topic' at 'notificationChannel.sNSTopicArn'"
                        + " failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "(^arn:aws:sns:.*:\\w{12}:.+$); Value null at 'notificationChannel.roleArn' failed to "
                        + "satisfy constraint: Member must not be null");
    }

    @Test
    void aVideoWithoutAnObjectIsAnInvalidParameter() {
        assertThatThrownBy(() -> start("{\"Video\":{}}")).isInstanceOfSatisfying(RekognitionException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_PARAMETER));
    }

    @Test
    void getWithDefaults() {
        GetFaceDetectionRequest r = get("{\"JobId\":\"job-1\"}");
        assertThat(r.pageSize()).isEqualTo(1000);
        assertThat(r.firstPage()).isTrue();
    }

    @Test
    void aBlankNextTokenIsTheFirstPage() {
        GetFaceDetectionRequest r = get("{\"JobId\":\"job-1\",\"NextToken\":\"\",\"MaxResults\":7}");
        assertThat(r.firstPage()).isTrue();
        assertThat(r.pageSize()).isEqualTo(7);
        assertThat(get("{\"JobId\":\"job-1\",\"NextToken\":\"abc\"}").firstPage()).isFalse();
    }

    @Test
    void maxResultsZeroIsBelowTheMinimum() {
        assertError(() -> get("{\"JobId\":\"job-1\",\"MaxResults\":0}"), ErrorType.VALIDATION,
                "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }

    @Test
    void maxResultsAboveAThousandGivesAThousand() {
        assertThat(get("{\"JobId\":\"job-1\",\"MaxResults\":1001}").pageSize()).isEqualTo(1000);
        assertThat(get("{\"JobId\":\"job-1\",\"MaxResults\":1000}").pageSize()).isEqualTo(1000);
    }

    @Test
    void getNeedsAJobIdOfTheRightShapeAndATokenOfAtMost255() {
        assertError(() -> get("{}"), ErrorType.VALIDATION, "1 validation error detected: "
                + "Value null at 'jobId' failed to satisfy constraint: Member must not be null");
        String token = "t".repeat(256);
        assertError(() -> get("{\"JobId\":\"job 1\",\"NextToken\":\"" + token + "\"}"), ErrorType.VALIDATION,
                "2 validation errors detected: Value 'job 1' at 'jobId' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: ^[a-zA-Z0-9-_]+$; Value '" + token + "' at 'nextToken'"
                        + " failed to satisfy constraint: Member must have length less than or equal to 255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"JobId\":\"j\",\"MaxResults\":\"ten\"}", "{\"JobId\":\"j\",\"MaxResults\":\"10\"}",
            "{\"JobId\":\"j\",\"MaxResults\":1.5}", "{\"JobId\":\"j\",\"MaxResults\":99999999999}",
            "{\"JobId\":7}", "{\"JobId\":true}", "{\"JobId\":[\"j\"]}", "{\"JobId\":{}}"})
    void wrongJsonTypesAreSerializationErrors(String json) {
        assertThatThrownBy(() -> get(json)).isInstanceOfSatisfying(RekognitionException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION);
            assertThat(e.getMessage()).matches(".*'(jobId|maxResults)'.*");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"JobId\":", "{JobId:\"j\"}", "not json", "[]", "null", "\"JobId\"", "{} {}",
            "{\"JobId\":\"j\"}x"})
    void malformedJsonOrNoObjectIsASerializationError(String json) {
        assertThatThrownBy(() -> get(json)).isInstanceOfSatisfying(RekognitionException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION));
    }

    @Test
    void aStructureWhereAStringBelongsIsASerializationError() {
        assertError(() -> start("{\"Video\":{\"S3Object\":{\"Bucket\":{\"x\":1},\"Name\":\"a\"}}}"),
                ErrorType.SERIALIZATION, "Unexpected JSON value at 'video.s3Object.bucket': expected a string");
        assertError(() -> start("{\"Video\":\"s3://videos/a.mp4\"}"),
                ErrorType.SERIALIZATION, "Unexpected JSON value at 'video': expected a JSON object");
    }

    @Test
    void aBodyOverTheLimitIsTooLargeWhateverItHolds() {
        byte[] big = ("{\"JobId\":\"j\",\"Padding\":\"" + "x".repeat(RekognitionRequests.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RekognitionRequests.parseGet(big)).isInstanceOfSatisfying(RekognitionException.class,
                e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.REQUEST_ENTITY_TOO_LARGE);
                    assertThat(e.type().httpStatus()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo("Request must be smaller than 65536 bytes for the "
                            + "GetFaceDetection operation");
                });
    }

    @Test
    void operationsAreFoundByTarget() {
        assertThat(Operation.fromTarget("RekognitionService.StartFaceDetection"))
                .isEqualTo(Operation.START_FACE_DETECTION);
        assertThat(Operation.fromTarget("RekognitionService.GetFaceDetection")).isEqualTo(Operation.GET_FACE_DETECTION);
        for (String target : new String[] {"RekognitionService.DetectFaces", "GetFaceDetection",
                "DynamoDB_20120810.GetFaceDetection", null}) {
            assertThatThrownBy(() -> Operation.fromTarget(target)).isInstanceOfSatisfying(RekognitionException.class,
                    e -> assertThat(e.type()).isEqualTo(ErrorType.UNKNOWN_OPERATION));
        }
    }
}
