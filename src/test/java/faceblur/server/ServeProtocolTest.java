package faceblur.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.testing.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static faceblur.testing.AwsClients.TEST_KEY_ID;
import static faceblur.testing.AwsClients.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests no SDK would send, correctly signed (by the AWS SDK's own signer) so that they reach the operation:
 * each gets AWS's error shape with the right type and status, and the server goes on serving.
 */
class ServeProtocolTest {

    private static final Set<String> UNSENDABLE = Set.of("host", "content-length");
    private static ServerProcess server;

    @BeforeAll
    static void start() throws IOException {
        server = ServerProcess.start(Map.of("FACEBLUR_ACCESS_KEY_ID", TEST_KEY_ID,
                        "FACEBLUR_SECRET_ACCESS_KEY", TEST_SECRET),
                "--data", Files.createTempDirectory("faceblur-protocol").toString(), "--port", "0",
                "--s3-port", "0", "--threads", "1", "--region", SdkSigning.REGION);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "GetFaceDetection   | {\"JobId\":                        | 400 | SerializationException",
            "GetFaceDetection   | [1,2,3]                            | 400 | SerializationException",
            "GetFaceDetection   | {\"JobId\":\"x\",\"MaxResults\":\"ten\"} | 400 | SerializationException",
            "GetFaceDetection   | {}                                 | 400 | ValidationException",
            "GetFaceDetection   | {\"JobId\":\"no-such-job\"}        | 400 | ResourceNotFoundException",
            "StartFaceDetection | {\"Video\":{}}                      | 400 | InvalidParameterException",
            "StartFaceDetection | {\"Video\":{\"S3Object\":{\"Bucket\":\"b\",\"Name\":\"k\"}}} | 400 | ValidationException",
            "StartFaceDetection | {\"Video\":{\"S3Object\":{\"Bucket\":\"nobucket\",\"Name\":\"k.mp4\"}}} | 400 | InvalidS3ObjectException",
            "DetectFaces        | {}                                 | 400 | UnknownOperationException",
    })
    void badRequestsGetAwsErrorsAndTheServerKeepsServing(String operation, String body, int status, String type)
            throws Exception {
        HttpResponse<String> response = send(operation, body.getBytes(StandardCharsets.UTF_8));
        assertError(response, status, type);
    }

    @org.junit.jupiter.api.Test
    void anOversizedBodyIsRefusedWithoutBeingRead() throws Exception {
        byte[] body = ("{\"JobId\":\"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send("GetFaceDetection", body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(new ObjectMapper().readTree(response.body()).get("__type").asText()).isNotBlank();
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    private static void assertError(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.get("__type").asText()).isEqualTo(type);
        assertThat(json.get("Message").asText()).isNotBlank();
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    /** POSTs {@code body} as operation {@code operation}, signed with the test key by the AWS SDK's signer. */
    private static HttpResponse<String> send(String operation, byte[] body) throws Exception {
        SignedRequest signed = SdkSigning.sign(server.api().resolve("/"), operation, body, TEST_KEY_ID, TEST_SECRET,
                Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(server.api().resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!UNSENDABLE.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
