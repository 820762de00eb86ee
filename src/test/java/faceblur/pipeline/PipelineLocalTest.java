package faceblur.pipeline;

import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.storage.S3Settings;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The one-machine default: faceblur serve with its own buckets and SQLite, watching a local bucket. */
class PipelineLocalTest {

    @Test
    void serveWatchesItsOwnBucketsOnSqlite() throws Exception {
        Path data = Files.createTempDirectory("pipeline-local");
        try (ServerProcess serve = ServerProcess.start(Map.of(), "--data", data.toString(), "--port", "0",
                "--s3-port", "0", "--threads", "1", "--watch", "s3://uploads/in", "--to", "s3://uploads/blurred",
                "--watch-interval", "1s", "--output-template", "{dir}{stem}-blurred{ext}");
             ObjectStore store = ObjectStore.connect(S3Settings.of(serve.s3(), "any", "any"))) {
            store.createBucketIfMissing("uploads");
            store.upload(Media.smallClip(), new S3Location("uploads", "in/a/clip.mp4"));
            S3Location video = new S3Location("uploads", "blurred/a/clip-blurred.mp4");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> store.list("uploads", "blurred/").size() >= 2);
            assertThat(store.list("uploads", "blurred/")).extracting(o -> o.location().key())
                    .as(serve.log()).containsExactly("blurred/a/clip-blurred.mp4",
                            "blurred/a/clip-blurred.mp4.faces.json");
            assertThat(store.head(video).size()).isPositive();
            // The job's row is marked done just after the last PUT: waited for, not guessed at.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(serve.get("/metrics").body()).contains("faceblur_pipeline_jobs{state=\"done\"} 1.0"));
            try (Stream<Path> left = Files.list(Files.createDirectories(data.resolve("work")))) {
                assertThat(left).as("work folders of finished steps").isEmpty();
            }
            // analyse, render, join on one node: one download, then the node's copy; gone with the job
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("faceblur.db"));
                 ResultSet rs = c.createStatement().executeQuery("select group_concat(source_cached, '') from "
                         + "(select source_cached from pipeline_steps order by finished_at, task)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("source_cached of each step").isEqualTo("011");
            }
            try (Stream<Path> left = Files.list(data.resolve("source-cache"))) {
                assertThat(left).as("cached sources of ended jobs").isEmpty();
            }
        }
    }

    @Test
    void rulesEventsAndNamesAreReadAsS3WritesThem() {
        WatchRule rule = new WatchRule(S3Prefix.parse("s3://upl/in"), S3Prefix.parse("s3://pub1"),
                OutputNaming.defaults());
        assertThat(rule.matches(new S3Location("upl", "in/x.mov"))).isTrue();
        assertThat(rule.matches(new S3Location("upl", "inbox/x.mov"))).isFalse();
        assertThat(rule.video(new S3Location("upl", "in/d/x.mov"))).hasToString("s3://pub1/d/x.mov");
        assertThat(rule.video(new S3Location("upl", "in/x.avi"))).hasToString("s3://pub1/x.mp4");
        assertThat(rule.video(new S3Location("upl", "in/d/p.JPG"))).hasToString("s3://pub1/d/p.JPG");
        assertThat(rule.video(new S3Location("upl", "in/p.webp"))).hasToString("s3://pub1/p.webp");
        assertThat(OutputNaming.faces(new S3Location("pub1", "x.mp4")).key()).isEqualTo("x.mp4.faces.json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WatchRule(S3Prefix.parse("s3://upl/in"),
                S3Prefix.parse("s3://upl/in/out"), OutputNaming.defaults())).hasMessageContaining("processed again");

        S3EventJson.Parsed parsed = S3EventJson.parse(("{\"Records\":["
                + "{\"eventName\":\"s3:ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"upl\"},"
                + "\"object\":{\"key\":\"in/a+b%C3%A9.mp4\",\"eTag\":\"e1\",\"size\":3}}},"
                + "{\"eventName\":\"ObjectCreated:Copy\",\"s3\":{\"bucket\":{\"name\":\"upl\"},"
                + "\"object\":{\"key\":\"in/c.mp4\",\"eTag\":\"e2\",\"size\":4}}},"
                + "{\"eventName\":\"ObjectRemoved:Delete\",\"s3\":{\"bucket\":{\"name\":\"upl\"},"
                + "\"object\":{\"key\":\"in/d.mp4\"}}}]}").getBytes());
        assertThat(parsed.records()).filteredOn(r -> r.created() != null).extracting(r -> r.created().location().key())
                .isEqualTo(List.of("in/a bé.mp4", "in/c.mp4"));
        assertThat(parsed.records()).filteredOn(r -> r.created() == null).extracting(S3EventJson.EventRecord::skipped)
                .containsExactly("not an object creation");
    }

    /** Each watch rule hides faces its own way, stored with each job: here one rule fills them with red boxes. */
    @Test
    void eachRuleHidesFacesItsOwnWay() throws Exception {
        Path data = Files.createTempDirectory("pipeline-rules");
        Path clip = Media.fixture("rule-clip.mp4", "-ss", "4", "-t", "1", "-i", Media.media("megamind.mp4").toString(),
                "-map", "0:v", "-c:v", "libx264", "-preset", "veryfast");
        try (ServerProcess serve = ServerProcess.start(Map.of(), "--data", data.toString(), "--port", "0",
                "--s3-port", "0", "--threads", "1", "--watch-interval", "1s",
                "--watch", "s3://upl/plain", "--to", "s3://pub/plain", "--rule-options", "default",
                "--watch", "s3://upl/red", "--to", "s3://pub/red",
                "--rule-options", "style=fill,fill-colour=#ff0000,shape=box,mask-scale=1");
             ObjectStore store = ObjectStore.connect(S3Settings.of(serve.s3(), "any", "any"))) {
            store.createBucketIfMissing("upl");
            store.createBucketIfMissing("pub");
            store.upload(clip, new S3Location("upl", "plain/c.mp4"));
            store.upload(clip, new S3Location("upl", "red/c.mp4"));
            List<String> published = List.of("plain/c.mp4", "plain/c.mp4.faces.json", "red/c.mp4",
                    "red/c.mp4.faces.json");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> store.list("pub", "").stream().map(o -> o.location().key()).toList()
                            .containsAll(published));
            assertThat(store.list("pub", "")).as(serve.log()).extracting(o -> o.location().key())
                    .containsAll(published);
            Path red = data.resolve("red.mp4");
            Path plain = data.resolve("plain.mp4");
            Path faces = data.resolve("faces.json");
            store.download(new S3Location("pub", "red/c.mp4"), red);
            store.download(new S3Location("pub", "plain/c.mp4"), plain);
            store.download(new S3Location("pub", "red/c.mp4.faces.json"), faces);
            // The first face the detector reported, at its own frame: its box's centre is red in one output only.
            com.fasterxml.jackson.databind.JsonNode face = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(faces.toFile()).get("Faces").get(0);
            com.fasterxml.jackson.databind.JsonNode box = face.get("Face").get("BoundingBox");
            int frame = (int) Math.round(face.get("Timestamp").asDouble() / 1000 * 24000 / 1001);
            int x = (int) ((box.get("Left").asDouble() + box.get("Width").asDouble() / 2) * 720);
            int y = (int) ((box.get("Top").asDouble() + box.get("Height").asDouble() / 2) * 528);
            assertThat(rgb(red, frame, x, y, 720)).as("fill rule").satisfies(c -> {
                assertThat(c[0]).isGreaterThan(230);
                assertThat(c[1] + c[2]).isLessThan(40);
            });
            assertThat(rgb(plain, frame, x, y, 720)).as("default rule: blurred skin, not red").satisfies(c ->
                    assertThat(c[1] + c[2]).isGreaterThan(60));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("faceblur.db"));
             ResultSet rs = c.createStatement().executeQuery(
                     "select source_key, redaction from pipeline_jobs order by source_key")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).as("plain/c.mp4's job").isNull();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).as("red/c.mp4's job").contains("\"FILL\"").contains("\"red\":255");
        }
    }

    private static int[] rgb(Path video, int frame, int x, int y, int width) {
        faceblur.testing.Tools.Result r = faceblur.testing.Tools.run(List.of("ffmpeg", "-v", "error", "-i",
                video.toString(), "-vf", "select=eq(n\\," + frame + ")", "-frames:v", "1", "-f", "rawvideo",
                "-pix_fmt", "rgb24", "-"), null);
        int at = (y * width + x) * 3;
        return new int[] {r.stdout()[at] & 0xFF, r.stdout()[at + 1] & 0xFF, r.stdout()[at + 2] & 0xFF};
    }
}
