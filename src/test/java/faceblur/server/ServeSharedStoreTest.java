package faceblur.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import faceblur.storage.LocalS3Server;
import faceblur.testing.AwsClients;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import faceblur.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static faceblur.testing.AwsClients.TEST_KEY_ID;
import static faceblur.testing.AwsClients.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-up of several nodes, on one: jobs in a real PostgreSQL, videos in a separate S3-compatible server
 * (S3Proxy on its own port, with its own keys), and the completion message delivered to an HTTP endpoint
 * mapped to the job's SNS topic, retried until that endpoint accepts it.
 */
class ServeSharedStoreTest {

    private static final String REMOTE_KEY = "AKIDREMOTESTORE";
    private static final String REMOTE_SECRET = "remote-store-secret";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:faceblur-done";

    @Test
    void aServerOnPostgresReadsARemoteStoreAndNotifiesCompletion() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/done", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // refuse the first delivery: it must be retried
            int status = attempts.incrementAndGet() == 1 ? 503 : 200;
            if (status == 200) {
                delivered.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        TestPostgres postgres = TestPostgres.shared();
        String jdbc = postgres.newDatabase("serve");
        Path remoteData = Files.createTempDirectory("faceblur-remote-s3");
        try (LocalS3Server remote = LocalS3Server.start(remoteData, "127.0.0.1", 0, REMOTE_KEY, REMOTE_SECRET)) {
            assertThat(AwsClients.aws(remote.endpoint(), REMOTE_KEY, REMOTE_SECRET, "s3", "mb", "s3://archive")
                    .exitCode()).isZero();
            assertThat(AwsClients.aws(remote.endpoint(), REMOTE_KEY, REMOTE_SECRET, "s3", "cp",
                    Media.media("megamind.mp4").toString(), "s3://archive/2026/megamind.mp4").exitCode()).isZero();

            String notifyUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/done";
            try (ServerProcess server = ServerProcess.start(
                    Map.of("AWS_ACCESS_KEY_ID", REMOTE_KEY, "AWS_SECRET_ACCESS_KEY", REMOTE_SECRET),
                    "--data", Files.createTempDirectory("faceblur-node").toString(), "--port", "0",
                    "--db", jdbc, "--s3-endpoint", remote.endpoint().toString(), "--threads", "2",
                    "--heartbeat", "1s", "--notify", TOPIC + "=" + notifyUrl)) {
                String api = server.api().toString();
                String jobId = AwsClients.python("rekognition_client.py", TEST_KEY_ID, TEST_SECRET, api, "start",
                        "archive", "2026/megamind.mp4", "shared-1", TOPIC).get("JobId").asText();
                JsonNode done = AwsClients.python("rekognition_client.py", TEST_KEY_ID, TEST_SECRET, api, "wait",
                        jobId);
                assertThat(done.get("JobStatus").asText()).as(server.log()).isEqualTo("SUCCEEDED");
                JsonNode faces = AwsClients.python("rekognition_client.py", TEST_KEY_ID, TEST_SECRET, api,
                        "collect", jobId).get("Faces");
                assertThat(faces.size()).isPositive();

                try (Connection db = DriverManager.getConnection(jdbc);
                     Statement sql = db.createStatement();
                     ResultSet row = sql.executeQuery("select state, face_count, bucket, object_key "
                             + "from face_detection_jobs where job_id = '" + jobId + "'")) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString("state")).isEqualTo("SUCCEEDED");
                    assertThat(row.getInt("face_count")).isEqualTo(faces.size());
                    assertThat(row.getString("object_key")).isEqualTo("2026/megamind.mp4");
                }

                for (long end = System.nanoTime() + 60_000_000_000L; delivered.isEmpty() && System.nanoTime() < end; ) {
                    Thread.sleep(200);
                }
                assertThat(delivered).as("completion messages after %d attempts", attempts.get()).hasSize(1);
                assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
                JsonNode message = new ObjectMapper().readTree(delivered.get(0));
                assertThat(message.get("JobId").asText()).isEqualTo(jobId);
                assertThat(message.get("Status").asText()).isEqualTo("SUCCEEDED");
                assertThat(message.get("API").asText()).isEqualTo("StartFaceDetection");
                assertThat(message.get("JobTag").asText()).isEqualTo("notified");
                assertThat(message.at("/Video/S3Bucket").asText()).isEqualTo("archive");
                assertThat(message.at("/Video/S3ObjectName").asText()).isEqualTo("2026/megamind.mp4");
            }
        } finally {
            receiver.stop(0);
        }
    }
}
