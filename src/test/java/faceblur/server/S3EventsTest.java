package faceblur.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import faceblur.testing.AwsClients;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static faceblur.testing.AwsClients.TEST_KEY_ID;
import static faceblur.testing.AwsClients.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /s3-events} as each sender delivers: MinIO's webhook (bearer token), SNS (its envelope, its
 * subscription confirmation, the token in the query string since SNS sets no headers) and EventBridge. Each
 * announcement leads to exactly one job or one confirmation; each record is answered on its own; anything else is
 * refused with the reason.
 */
class S3EventsTest {

    private static final String TOKEN = "webhook-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachSenderIsHeardAndEachRecordAnswered() throws Exception {
        List<String> confirmations = new ArrayList<>();
        HttpServer sns = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sns.createContext("/confirm", exchange -> {
            confirmations.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getQuery());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sns.start();
        try (ServerProcess server = ServerProcess.start(Map.of("FACEBLUR_ACCESS_KEY_ID", TEST_KEY_ID,
                        "FACEBLUR_SECRET_ACCESS_KEY", TEST_SECRET, "FACEBLUR_WEBHOOK_TOKEN", TOKEN),
                "--data", Files.createTempDirectory("faceblur-webhook").toString(), "--port", "0", "--s3-port", "0",
                "--threads", "1", "--watch", "s3://uploads/in", "--to", "s3://public/out",
                "--watch-interval", "1h", "--sns-confirm-host", "127.0.0.1",
                // The SNS messages below are unsigned; SnsSignatureTest checks signatures.
                "--no-sns-verify")) {
            aws(server, "s3", "mb", "s3://uploads");
            aws(server, "s3", "mb", "s3://public");
            for (String key : List.of("in/clip.mp4", "in/sns clip.mp4", "in/bridge.mp4", "in/second.mp4")) {
                assertThat(aws(server, "s3", "cp", Media.smallClip().toString(), "s3://uploads/" + key)).isZero();
            }

            // MinIO's webhook, with the bearer token: a wrong token and the token elsewhere are refused
            String minio = "{\"EventName\":\"s3:ObjectCreated:Put\",\"Key\":\"uploads/in/clip.mp4\",\"Records\":["
                    + record("s3:ObjectCreated:Put", "in%2Fclip.mp4", etag(server, "in/clip.mp4")) + "]}";
            assertThat(post(server, "/s3-events", "Bearer not-the-token", minio).statusCode()).isBetween(400, 403);
            assertThat(post(server, "/pipeline/jobs", "Bearer " + TOKEN,
                    "{\"source\":\"s3://uploads/in/clip.mp4\",\"target\":\"s3://public/out\"}").statusCode())
                    .isBetween(400, 403);
            JsonNode fromMinio = answer(post(server, "/s3-events", "Bearer " + TOKEN, minio), 200);
            assertThat(fromMinio.at("/records/0/outcome").asText()).isEqualTo("queued");
            assertThat(fromMinio.at("/records/0/jobIds")).hasSize(1);

            // SNS: the AWS notification as a string in Message, the token in the query string, no header at all
            String awsRecord = "{\"Records\":[" + record("ObjectCreated:Put", "in/sns+clip.mp4",
                    etag(server, "in/sns clip.mp4")) + "]}";
            String envelope = JSON.writeValueAsString(Map.of("Type", "Notification", "MessageId", "m-1",
                    "TopicArn", "arn:aws:sns:us-east-1:123456789012:uploads", "Message", awsRecord));
            JsonNode fromSns = answer(postWithQueryToken(server, envelope), 200);
            assertThat(fromSns.get("envelope").asText()).isEqualTo("sns-notification");
            assertThat(fromSns.at("/records/0/key").asText()).isEqualTo("in/sns clip.mp4");
            assertThat(fromSns.at("/records/0/outcome").asText()).isEqualTo("queued");

            // SNS's subscription confirmation: fetched once for an allowed host, not for another
            String confirm = "http://127.0.0.1:" + sns.getAddress().getPort() + "/confirm?Token=t1";
            JsonNode confirmed = answer(postWithQueryToken(server, JSON.writeValueAsString(Map.of("Type",
                    "SubscriptionConfirmation", "TopicArn", "arn:aws:sns:us-east-1:123456789012:uploads",
                    "Token", "t1", "SubscribeURL", confirm))), 200);
            assertThat(confirmed.get("confirmed").asBoolean()).isTrue();
            assertThat(confirmations).containsExactly("GET Token=t1");
            JsonNode elsewhere = answer(postWithQueryToken(server, JSON.writeValueAsString(Map.of("Type",
                    "SubscriptionConfirmation", "TopicArn", "t", "SubscribeURL", "http://sns.example.invalid/c"))), 200);
            assertThat(elsewhere.get("confirmed").asBoolean()).isFalse();
            assertThat(elsewhere.get("reason").asText()).contains("--sns-confirm-host");
            // the log reaches the test through the process's output, a moment after the answer
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(server.log()).contains("NOT confirmed").contains("sns.example.invalid"));

            // EventBridge's Object Created
            String bridge = "{\"version\":\"0\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
                    + "\"detail\":{\"bucket\":{\"name\":\"uploads\"},\"object\":{\"key\":\"in/bridge.mp4\","
                    + "\"size\":1,\"etag\":\"" + etag(server, "in/bridge.mp4") + "\"},\"reason\":\"PutObject\"}}";
            JsonNode fromBridge = answer(postWithQueryToken(server, bridge), 200);
            assertThat(fromBridge.get("envelope").asText()).isEqualTo("eventbridge");
            assertThat(fromBridge.at("/records/0/outcome").asText()).isEqualTo("queued");

            // one bad record does not sink the batch: the good one is queued, the gone one answered as failed
            String batch = "{\"Records\":[" + record("ObjectCreated:Put", "in/second.mp4", null) + ","
                    + record("ObjectCreated:Put", "in/gone.mp4", null) + "]}";
            JsonNode mixed = answer(post(server, "/s3-events", "Bearer " + TOKEN, batch), 200);
            assertThat(mixed.at("/records/0/outcome").asText()).isEqualTo("queued");
            assertThat(mixed.at("/records/1/outcome").asText()).isEqualTo("failed");
            assertThat(mixed.at("/records/1/reason").asText()).contains("gone.mp4");

            // four objects, four announcements that made jobs: four different jobs, one each
            List<String> jobIds = new ArrayList<>();
            for (JsonNode answer : List.of(fromMinio, fromSns, fromBridge, mixed)) {
                answer.at("/records/0/jobIds").forEach(id -> jobIds.add(id.asText()));
            }
            assertThat(jobIds).hasSize(4).doesNotHaveDuplicates();
            // the same MinIO event again makes no second job
            JsonNode again = answer(post(server, "/s3-events", "Bearer " + TOKEN, minio), 200);
            assertThat(again.at("/records/0/outcome").asText()).isEqualTo("known");
            assertThat(again.at("/records/0/jobIds/0").asText()).isEqualTo(jobIds.get(0));

            // anything else: 400 with the reason; too large: 413
            HttpResponse<String> unknown = postWithQueryToken(server, "{\"hello\":1}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("Records").contains("detail-type");
            assertThat(largePost(server, "/s3-events?token=" + TOKEN, 300 << 10)).isEqualTo("413");
            assertThat(largePost(server, "/s3-events?token=" + TOKEN, 200 << 10)).isEqualTo("400");
            assertThat(largePost(server, "/pipeline/jobs", 70 << 10)).isEqualTo("413");
            // with keys, /metrics is read with a signature (and not without, unless --metrics-public)
            HttpResponse<String> unsigned = server.get("/metrics");
            assertThat(unsigned.statusCode()).isBetween(400, 403);
            assertThat(unsigned.body()).contains("--metrics-public").doesNotContain("faceblur_s3_event");
            faceblur.testing.Tools.Result signed = faceblur.testing.Tools.run(List.of("curl", "-s", "--aws-sigv4",
                    "aws:amz:us-east-1:faceblur", "--user", TEST_KEY_ID + ":" + TEST_SECRET,
                    server.api().resolve("/metrics").toString()), null);
            assertThat(signed.out()).contains("faceblur_s3_event_records_total{outcome=\"refused\"}")
                    .contains("faceblur_s3_event_records_total{outcome=\"failed\"} 1.0");
        } finally {
            sns.stop(0);
        }
    }

    private static int aws(ServerProcess server, String... args) {
        return AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, args).exitCode();
    }

    private static String etag(ServerProcess server, String key) throws Exception {
        return JSON.readTree(AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3api", "head-object",
                "--bucket", "uploads", "--key", key).out()).get("ETag").asText().replace("\"", "");
    }

    /** One S3 event notification record; {@code eTag} null as some senders send it. */
    private static String record(String event, String encodedKey, String eTag) {
        return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"" + event + "\","
                + "\"s3\":{\"bucket\":{\"name\":\"uploads\"},\"object\":{\"key\":\"" + encodedKey + "\""
                + (eTag == null ? "" : ",\"eTag\":\"" + eTag + "\"") + ",\"size\":1}}}";
    }

    /**
     * The status of a POST of {@code bytes} of padding, sent by curl with {@code Expect: 100-continue} as senders of
     * large bodies do: a body over the limit is answered before it is sent.
     */
    private static String largePost(ServerProcess server, String path, int bytes) throws Exception {
        java.nio.file.Path body = Files.createTempFile("large", ".json");
        Files.writeString(body, "{\"pad\":\"" + "x".repeat(bytes) + "\"}");
        faceblur.testing.Tools.Result r = faceblur.testing.Tools.run(List.of("curl", "-s", "-o", "/dev/null", "-w",
                "%{http_code}", "-H", "Expect: 100-continue", "-H", "Content-Type: application/json",
                "--data-binary", "@" + body, server.api().resolve(path).toString()), null);
        return r.out().strip();
    }

    private static JsonNode answer(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> postWithQueryToken(ServerProcess server, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.api().resolve("/s3-events?token="
                        + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8)))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ServerProcess server, String path, String authorization, String body)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.api().resolve(path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
