package faceblur.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.testing.AwsClients;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import static faceblur.testing.AwsClients.TEST_KEY_ID;
import static faceblur.testing.AwsClients.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Senders that cannot sign (MinIO's webhook with {@code auth_token}, relays) announce uploads with a bearer
 * token on {@code /s3-events} only; a wrong token, or the token on another route, is refused.
 */
class WebhookTokenTest {

    private static final String TOKEN = "webhook-token-0123456789";

    @Test
    void theWebhookTakesTheConfiguredBearerTokenAndNothingElseDoes() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("FACEBLUR_ACCESS_KEY_ID", TEST_KEY_ID,
                        "FACEBLUR_SECRET_ACCESS_KEY", TEST_SECRET, "FACEBLUR_WEBHOOK_TOKEN", TOKEN),
                "--data", Files.createTempDirectory("faceblur-webhook").toString(), "--port", "0", "--s3-port", "0",
                "--threads", "1", "--watch", "s3://uploads/in", "--to", "s3://public/out",
                "--watch-interval", "1h")) {
            AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "mb", "s3://uploads");
            AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "mb", "s3://public");
            assertThat(AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "cp",
                    Media.smallClip().toString(), "s3://uploads/in/clip.mp4").exitCode()).isZero();
            String etag = new ObjectMapper().readTree(AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET,
                    "s3api", "head-object", "--bucket", "uploads", "--key", "in/clip.mp4").out())
                    .get("ETag").asText().replace("\"", "");
            String event = "{\"EventName\":\"s3:ObjectCreated:Put\",\"Key\":\"uploads/in/clip.mp4\",\"Records\":[{"
                    + "\"eventVersion\":\"2.0\",\"eventSource\":\"minio:s3\",\"eventName\":\"s3:ObjectCreated:Put\","
                    + "\"s3\":{\"bucket\":{\"name\":\"uploads\"},\"object\":{\"key\":\"in%2Fclip.mp4\","
                    + "\"eTag\":\"" + etag + "\",\"size\":1}}}]}";

            HttpResponse<String> wrong = post(server, "/s3-events", "Bearer not-the-token", event);
            assertThat(wrong.statusCode()).isBetween(400, 403);
            HttpResponse<String> elsewhere = post(server, "/pipeline/jobs", "Bearer " + TOKEN,
                    "{\"source\":\"s3://uploads/in/clip.mp4\",\"target\":\"s3://public/out\"}");
            assertThat(elsewhere.statusCode()).isBetween(400, 403);

            HttpResponse<String> accepted = post(server, "/s3-events", "Bearer " + TOKEN, event);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(accepted.body()).get("queued").asInt()).isEqualTo(1);
        }
    }

    private static HttpResponse<String> post(ServerProcess server, String path, String authorization, String body)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.api().resolve(path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
