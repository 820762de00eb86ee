package faceblur.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.testing.AwsClients;
import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import faceblur.testing.StudioClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static faceblur.testing.AwsClients.TEST_KEY_ID;
import static faceblur.testing.AwsClients.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server killed with SIGKILL in the middle of a job and started again on the same data: the job finishes
 * with complete results, and a NextToken handed out before the crash still pages.
 */
class ServeRestartTest {

    private static final Pattern FRAMES = Pattern.compile("(?m)^faceblur_frames_analysed_total ([0-9.eE+]+)");

    /**
     * serve's studio analyses as durable jobs: one cut off by SIGKILL finishes after a restart, with no page asking
     * for it again, and the review opens where the analysis left it.
     */
    @Test
    void aStudioAnalysisCutOffByKill9FinishesAfterARestart() throws Exception {
        Path clip = streetClip();
        String[] args = serveArgs(Files.createTempDirectory("faceblur-studio-restart"));
        Map<String, String> env = Map.of("FACEBLUR_STUDIO_TOKEN", "restart-token");
        String id;
        try (ServerProcess first = ServerProcess.start(env, args)) {
            upload(first, clip, "s3://videos/vtest-20s.mp4");
            StudioClient page = studio(first);
            id = page.post("api/projects", "{\"path\":\"s3://videos/vtest-20s.mp4\"}").path("id").asText();
            page.awaitStatus(id, s -> s.path("state").asText().equals("analysing")
                    && s.path("progress").path("done").asLong() > 20, Duration.ofMinutes(2));
            first.kill9();
        }
        try (ServerProcess second = ServerProcess.start(env, args)) {
            // Not "failed, open it again": the stored analysis is about to run again by itself.
            assertThat(studio(second).awaitStatus(id, s -> true, Duration.ofSeconds(10)).path("state").asText())
                    .isIn("waiting", "analysing", "ready");
            JsonNode ready = studio(second).awaitReady(id);
            assertThat(ready.path("state").asText()).as(second.log()).isEqualTo("ready");
            assertThat(studio(second).get("api/projects/" + id).path("video").path("frames").asInt()).isEqualTo(200);
        }
    }

    /** 20 s of vtest.avi's street, 200 frames. */
    private static Path streetClip() {
        return Media.fixture("vtest-20s.mp4", "-i", Media.media("vtest.avi").toString(), "-t", "20",
                "-c:v", "libx264", "-preset", "veryfast", "-an");
    }

    /** A node on {@code data} whose heartbeat lets a dead node's work be taken over within seconds. */
    private static String[] serveArgs(Path data) {
        return new String[]{"--data", data.toString(), "--port", "0", "--s3-port", "0", "--threads", "2",
                "--heartbeat", "1s"};
    }

    private static StudioClient studio(ServerProcess server) {
        StudioClient page = new StudioClient(server.api().resolve("/studio/"));
        page.signInWith(server.api().resolve("/studio/?token=restart-token"));
        return page;
    }

    @Test
    void aJobCutOffByKill9FinishesAfterARestartAndOldTokensStillPage() throws Exception {
        Path data = Files.createTempDirectory("faceblur-restart");
        Path clip = streetClip();
        String[] args = serveArgs(data);

        String jobA;
        String tokenA;
        JsonNode allFacesA;
        String jobB;
        try (ServerProcess first = ServerProcess.start(Map.of(), args)) {
            upload(first, Media.media("megamind.mp4"), "s3://videos/megamind.mp4");
            upload(first, clip, "s3://videos/vtest-20s.mp4");
            jobA = client(first, "start", "videos", "megamind.mp4", "restart-a").get("JobId").asText();
            assertThat(client(first, "wait", jobA).get("JobStatus").asText()).isEqualTo("SUCCEEDED");
            allFacesA = client(first, "collect", jobA).get("Faces");
            tokenA = client(first, "page", jobA, "7").get("NextToken").asText();

            jobB = client(first, "start", "videos", "vtest-20s.mp4", "restart-b").get("JobId").asText();
            // megamind.mp4 took 271 frames: wait until job B is under way too
            waitForFramesAnalysed(first, 271 + 30);
            first.kill9();
        }
        assertThat(stateInDatabase(data, jobB)).as("job B when the server was killed").isEqualTo("IN_PROGRESS");

        try (ServerProcess second = ServerProcess.start(Map.of(), args)) {
            JsonNode page2 = client(second, "page", jobA, "7", tokenA);
            assertThat(page2.get("Faces")).hasSize(7);
            for (int i = 0; i < 7; i++) {
                assertThat(page2.get("Faces").get(i)).isEqualTo(allFacesA.get(7 + i));
            }

            JsonNode finished = client(second, "wait", jobB);
            assertThat(finished.get("JobStatus").asText()).as(second.log()).isEqualTo("SUCCEEDED");
            JsonNode facesB = client(second, "collect", jobB).get("Faces");

            Path expected = Files.createTempFile("vtest-20s", ".faces.json");
            assertThat(Cli.run("detect", clip.toString(), "-o", expected.toString(), "--overwrite", "-q")
                    .exitCode()).isZero();
            JsonNode cliFaces = new ObjectMapper().readTree(expected.toFile()).get("Faces");
            assertThat(facesB.size()).isEqualTo(cliFaces.size()).isPositive();
            for (int i = 0; i < cliFaces.size(); i++) {
                assertThat(facesB.get(i).get("Timestamp")).isEqualTo(cliFaces.get(i).get("Timestamp"));
            }
            try (Stream<Path> left = Files.list(Files.createDirectories(data.resolve("work")))) {
                assertThat(left).as("work files of finished jobs").isEmpty();
            }
        }
    }

    /** Read straight from the SQLite file, not through faceblur. */
    private static String stateInDatabase(Path data, String jobId) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("faceblur.db"));
             PreparedStatement query = db.prepareStatement("select state from face_detection_jobs where job_id = ?")) {
            query.setString(1, jobId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : "missing";
            }
        }
    }

    private static void upload(ServerProcess server, Path file, String target) {
        AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "mb", target.substring(0, target.indexOf('/', 5)));
        assertThat(AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "cp", file.toString(), target)
                .exitCode()).isZero();
    }

    private static JsonNode client(ServerProcess server, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = server.api().toString();
        System.arraycopy(args, 0, all, 1, args.length);
        return AwsClients.python("rekognition_client.py", TEST_KEY_ID, TEST_SECRET, all);
    }

    private static void waitForFramesAnalysed(ServerProcess server, int frames) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = FRAMES.matcher(server.get("/metrics").body());
            if (m.find() && Double.parseDouble(m.group(1)) >= frames) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job never got going:\n" + server.log());
    }
}
