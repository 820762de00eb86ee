package faceblur.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.rekognition.ErrorType;
import faceblur.rekognition.GetFaceDetectionRequest;
import faceblur.rekognition.RekognitionException;
import faceblur.rekognition.RekognitionRequests;
import faceblur.rekognition.StartFaceDetectionRequest;
import faceblur.testing.Python;
import faceblur.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceAttributes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What boto3, the AWS CLI and the AWS SDK for Java v2 really send: captured on a loopback endpoint, then
 * verified with {@link SigV4Verifier} and parsed with {@link RekognitionRequests}. The clients sign with the
 * real time, so the verifier uses the real clock.
 */
class RealClientsTest {

    private static final String KEY = "AKIAFACEBLURTEST0002";
    private static final String SECRET = "botocore/signs+this=secret";
    private static final Path SCRIPT = Path.of("src/test/python/rekognition_call.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RecordingEndpoint endpoint;
    private final SigV4Verifier verifier = new SigV4Verifier(Map.of(KEY, SECRET), "rekognition", Clock.systemUTC());

    @BeforeAll
    static void start() {
        endpoint = new RecordingEndpoint();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @ParameterizedTest
    @MethodSource("faceblur.testing.Python#withBoto3")
    void boto3StartFaceDetectionVerifiesAndParses(String python) throws Exception {
        endpoint.answer("{\"JobId\":\"job-1\"}");
        JsonNode response = boto3(python, "start_face_detection", """
                {"Video": {"S3Object": {"Bucket": "my.videos-1", "Name": "in/clip 1.mp4"}},
                 "ClientRequestToken": "tok-1", "FaceAttributes": "ALL", "JobTag": "tag:1",
                 "NotificationChannel": {"SNSTopicArn": "arn:aws:sns:us-west-2:123456789012:AmazonRekognitionDone",
                                         "RoleArn": "arn:aws:iam::123456789012:role/Rekognition"}}""");
        assertThat(response.path("JobId").asText()).isEqualTo("job-1");

        SignedRequest request = endpoint.last();
        assertThat(request.firstHeader("X-Amz-Target")).hasValue("RekognitionService.StartFaceDetection");
        assertThat(verifier.verify(request)).isEqualTo(KEY);
        StartFaceDetectionRequest parsed = RekognitionRequests.parseStart(request.body());
        assertThat(parsed.video().s3Object().name()).isEqualTo("in/clip 1.mp4");
        assertThat(parsed.notificationChannel().roleArn()).isEqualTo("arn:aws:iam::123456789012:role/Rekognition");
        assertThat(parsed.faceAttributes()).isEqualTo("ALL");
    }

    @ParameterizedTest
    @MethodSource("faceblur.testing.Python#withBoto3")
    void boto3GetFaceDetectionWithABlankTokenVerifiesAndParses(String python) throws Exception {
        endpoint.answer("{\"JobStatus\":\"IN_PROGRESS\",\"Faces\":[]}");
        JsonNode response = boto3(python, "get_face_detection",
                "{\"JobId\": \"job-1\", \"MaxResults\": 5, \"NextToken\": \"\"}");
        assertThat(response.path("JobStatus").asText()).isEqualTo("IN_PROGRESS");

        SignedRequest request = endpoint.last();
        assertThat(verifier.verify(request)).isEqualTo(KEY);
        GetFaceDetectionRequest parsed = RekognitionRequests.parseGet(request.body());
        assertThat(parsed.firstPage()).isTrue();
        assertThat(parsed.pageSize()).isEqualTo(5);
    }

    @Test
    void awsCliRequestVerifies() {
        endpoint.answer("{\"JobId\":\"job-2\"}");
        ProcessBuilder cli = new ProcessBuilder("aws", "rekognition", "start-face-detection",
                "--endpoint-url", endpoint.uri().toString(), "--region", "ap-southeast-2", "--output", "json",
                "--video", "{\"S3Object\":{\"Bucket\":\"videos\",\"Name\":\"a.mov\",\"Version\":\"3\"}}");
        isolate(cli);
        Tools.Result result = Tools.run(cli);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.out()).contains("job-2");
        assertThat(verifier.verify(endpoint.last())).isEqualTo(KEY);
        assertThat(RekognitionRequests.parseStart(endpoint.last().body()).video().s3Object().version())
                .isEqualTo("3");
    }

    @Test
    void javaSdkRequestsVerify() {
        endpoint.answer("{\"JobId\":\"job-3\"}");
        try (RekognitionClient client = sdkClient()) {
            client.startFaceDetection(r -> r.video(v -> v.s3Object(o -> o.bucket("videos").name("b.mp4")))
                    .faceAttributes(FaceAttributes.DEFAULT).jobTag("x"));
            SignedRequest start = endpoint.last();
            assertThat(verifier.verify(start)).isEqualTo(KEY);
            assertThat(RekognitionRequests.parseStart(start.body()).jobTag()).isEqualTo("x");

            endpoint.answer("{\"JobStatus\":\"SUCCEEDED\",\"Faces\":[]}");
            client.getFaceDetection(r -> r.jobId("job-3").nextToken(""));
            assertThat(verifier.verify(endpoint.last())).isEqualTo(KEY);
            assertThat(RekognitionRequests.parseGet(endpoint.last().body()).firstPage()).isTrue();
        }
    }

    /** The SDK picks the exception from x-amzn-ErrorType and the status; both must be what AWS sends. */
    @ParameterizedTest
    @EnumSource(ErrorType.class)
    void javaSdkReadsEveryErrorAsAws(ErrorType type) {
        endpoint.fail(new RekognitionException(type, "because " + type));
        try (RekognitionClient client = sdkClient()) {
            assertThatThrownBy(() -> client.getFaceDetection(r -> r.jobId("job-4")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type.typeName());
                        assertThat(e.statusCode()).isEqualTo(type.httpStatus());
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("because " + type);
                        // Modelled errors get their own class, named after the type (InternalServerError's
                        // is InternalServerErrorException); the rest the service's base exception.
                        assertThat(e.getClass().getSimpleName()).satisfiesAnyOf(
                                name -> assertThat(name).startsWith(type.typeName()),
                                name -> assertThat(name).isEqualTo("RekognitionException"));
                    });
        } finally {
            endpoint.answer("{}");
        }
    }

    /** botocore reads __type from the body: the modelled errors must come out as their own exception classes. */
    @Test
    void boto3ReadsErrorsAsAws() throws Exception {
        for (ErrorType type : List.of(ErrorType.RESOURCE_NOT_FOUND, ErrorType.VALIDATION,
                ErrorType.REQUEST_ENTITY_TOO_LARGE, ErrorType.INTERNAL_SERVER_ERROR)) {
            endpoint.fail(new RekognitionException(type, "because " + type));
            JsonNode error = boto3(Python.DEBIAN, "get_face_detection", "{\"JobId\": \"job-5\"}");
            assertThat(error.path("Code").asText()).isEqualTo(type.typeName());
            assertThat(error.path("HTTPStatusCode").asInt()).isEqualTo(type.httpStatus());
            assertThat(error.path("Message").asText()).isEqualTo("because " + type);
        }
        endpoint.fail(new RekognitionException(ErrorType.RESOURCE_NOT_FOUND, "gone"));
        assertThat(boto3(Python.DEBIAN, "get_face_detection", "{\"JobId\": \"job-5\"}").path("ErrorClass").asText())
                .isEqualTo("ResourceNotFoundException");
        endpoint.answer("{}");
    }

    private static RekognitionClient sdkClient() {
        return RekognitionClient.builder()
                .endpointOverride(endpoint.uri())
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static JsonNode boto3(String python, String operation, String params) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(python, SCRIPT.toString(), endpoint.uri().toString(), operation, params);
        isolate(pb);
        Tools.Result result = Tools.run(pb);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return JSON.readTree(result.out());
    }

    /** Only the test's credentials: no profile, config file or instance metadata of the machine may take part. */
    private static void isolate(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_CONFIG_FILE", "/nonexistent");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        assertThat(Files.exists(SCRIPT)).isTrue();
    }
}
