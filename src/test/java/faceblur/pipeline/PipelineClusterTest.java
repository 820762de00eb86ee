package faceblur.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.detect.DetectorPool;
import faceblur.detect.DetectorSettings;
import faceblur.engine.Analysis;
import faceblur.engine.DetectionSchedule;
import faceblur.engine.FaceBlur;
import faceblur.engine.ProgressListener;
import faceblur.redact.RedactionSettings;
import faceblur.rekognition.RekognitionJson;
import faceblur.storage.LocalS3Server;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.storage.S3Settings;
import faceblur.storage.StoredObject;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import faceblur.testing.TestPostgres;
import faceblur.testing.Tools;
import faceblur.testing.VideoAssertions;
import faceblur.track.Track;
import faceblur.track.TrackerSettings;
import faceblur.video.Container;
import faceblur.video.EncoderSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline as several machines run it, on one: PostgreSQL, S3Proxy on its own port as the shared store,
 * three workers, one of them killed with SIGKILL in the middle of a job, then a serve node for the REST API and
 * the S3 event webhook. Every output must appear exactly once, whole, and the non-video must fail with its reason.
 * Videos are cut every 4 s: 20 s of street footage with a keyframe every 2 s goes through as five segments,
 * analysed and rendered by whichever workers are free, and must come out as an unsplit run would make it.
 */
class PipelineClusterTest {

    private static final String KEY = "AKIDPIPELINESTORE";
    private static final String SECRET = "pipeline-store-secret";
    private static final Map<String, String> STORE_ENV = Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY",
            SECRET);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void workersShareTheJobsSurviveAKilledNodeAndPublishEachOutputOnce() throws Exception {
        String jdbc = TestPostgres.shared().newDatabase("pipeline");
        Path megamind = Media.media("megamind.mp4");
        Path small = Media.smallClip();
        Path vtest = Media.fixture("vtest-3s.mp4", "-i", Media.media("vtest.avi").toString(), "-t", "3",
                "-c:v", "libx264", "-preset", "veryfast", "-an");
        Path street = Media.pedestriansGop2s();
        Path notVideo = Files.writeString(Files.createTempFile("notes", ".txt"), "not a video\n");
        try (LocalS3Server remote = LocalS3Server.start(Files.createTempDirectory("pipeline-s3"), "127.0.0.1", 0,
                KEY, SECRET);
             ObjectStore store = ObjectStore.connect(S3Settings.of(remote.endpoint(), KEY, SECRET))) {
            store.createBucketIfMissing("uploads");
            store.createBucketIfMissing("public");
            Map<String, Path> inputs = new LinkedHashMap<>();
            inputs.put("in/megamind.mp4", megamind);
            inputs.put("in/clips/small.mp4", small);
            inputs.put("in/vtest.mp4", vtest);
            inputs.put("in/street.mp4", street);
            inputs.put("in/notes.txt", notVideo);
            inputs.forEach((key, file) -> store.upload(file, new S3Location("uploads", key)));

            List<String> nodeArgs = List.of("--db", jdbc, "--s3-endpoint", remote.endpoint().toString(),
                    "--threads", "1", "--heartbeat", "1s", "--watch", "s3://uploads/in", "--to", "s3://public/out",
                    "--watch-interval", "1s", "--segment-duration", "4s");
            List<ServerProcess> workers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    workers.add(ServerProcess.worker(STORE_ENV, args(nodeArgs, "--data",
                            Files.createTempDirectory("pipeline-worker").toString())));
                }
                ServerProcess victim = awaitWorkerBusyWith(jdbc, "in/megamind.mp4", workers);
                victim.kill9();
                awaitAllFinished(jdbc, 5);
                assertThat(nodesThatWorkedOn(jdbc, "in/megamind.mp4")).as("the job moved to another worker")
                        .hasSizeGreaterThan(1);

                Map<String, String> states = statesByKey(jdbc);
                assertThat(states).containsEntry("in/megamind.mp4", "DONE").containsEntry("in/clips/small.mp4", "DONE")
                        .containsEntry("in/vtest.mp4", "DONE").containsEntry("in/street.mp4", "DONE")
                        .containsEntry("in/notes.txt", "FAILED");
                assertThat(reason(jdbc, "in/notes.txt")).contains("in/notes.txt").contains("not a video")
                        .as("no path of the nodes' own").doesNotContain("pipeline-worker").doesNotContain("/tmp/");
                assertOutputs(store, Map.of("out/megamind.mp4", megamind, "out/clips/small.mp4", small,
                        "out/vtest.mp4", vtest, "out/street.mp4", street));
                checkSegmentedJob(store, jdbc, street);

                try (ServerProcess serve = ServerProcess.start(STORE_ENV, args(nodeArgs, "--data",
                        Files.createTempDirectory("pipeline-serve").toString(), "--port", "0"))) {
                    checkRestAndWebhook(serve, store, jdbc, small, vtest);
                }
            } finally {
                workers.forEach(ServerProcess::close);
            }
        }
    }

    private static void checkRestAndWebhook(ServerProcess serve, ObjectStore store, String jdbc, Path small,
                                            Path vtest) throws Exception {
        JsonNode failed = serve.rest("GET", "/pipeline/jobs?state=failed", null);
        assertThat(failed.get("jobs")).hasSize(1);
        String failedId = failed.get("jobs").get(0).get("id").asText();
        JsonNode detail = serve.rest("GET", "/pipeline/jobs/" + failedId, null);
        assertThat(detail.get("state").asText()).isEqualTo("failed");
        assertThat(detail.get("history").get(0).get("state").asText()).isEqualTo("queued");
        assertThat(detail.get("history").findValuesAsText("state")).contains("analysing", "failed");

        // submitting a version already done for the same target is the same job
        JsonNode again = serve.rest("POST", "/pipeline/jobs",
                "{\"source\":\"s3://uploads/in/vtest.mp4\",\"target\":\"s3://public/out\"}");
        assertThat(again.get("created").asBoolean()).isFalse();
        assertThat(again.get("state").asText()).isEqualTo("done");
        assertThat(serve.rest("GET", "/pipeline/jobs/nope", null).get("error").asText()).isEqualTo("NotFound");
        assertThat(serve.rest("POST", "/pipeline/jobs/" + failedId + "/cancel", null).get("error").asText())
                .isEqualTo("Conflict");

        // one event with several records: two new objects, one of them twice, one outside every rule, one removal
        store.upload(small, new S3Location("uploads", "in/event one.mp4"));
        store.upload(vtest, new S3Location("uploads", "in/event-two.mp4"));
        store.upload(small, new S3Location("uploads", "elsewhere/x.mp4"));
        String event = "{\"Records\":[" + record("ObjectCreated:Put", store, "in/event one.mp4") + ","
                + record("ObjectCreated:Put", store, "in/event-two.mp4") + ","
                + record("ObjectCreated:CompleteMultipartUpload", store, "in/event one.mp4") + ","
                + record("ObjectCreated:Put", store, "elsewhere/x.mp4") + ","
                + record("ObjectRemoved:Delete", store, "in/vtest.mp4") + "]}";
        JsonNode outcome = serve.rest("POST", "/s3-events", event);
        // the listing, every second, may have been first to queue a new object: then the event finds it known
        assertThat(outcome.get("queued").asInt() + outcome.get("alreadyKnown").asInt()).isEqualTo(3);
        assertThat(outcome.get("alreadyKnown").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(outcome.get("outsideRules").asInt()).isEqualTo(1);
        assertThat(outcome.get("otherEvents").asInt()).isEqualTo(1);
        JsonNode repeated = serve.rest("POST", "/s3-events", event);
        assertThat(repeated.get("queued").asInt()).isZero();

        awaitAllFinished(jdbc, 7);
        assertThat(statesByKey(jdbc)).containsEntry("in/event one.mp4", "DONE").containsEntry("in/event-two.mp4", "DONE");
        assertOutputs(store, Map.of("out/megamind.mp4", Media.media("megamind.mp4"), "out/clips/small.mp4", small,
                "out/vtest.mp4", vtest, "out/event one.mp4", small, "out/event-two.mp4", vtest,
                "out/street.mp4", Media.pedestriansGop2s()));
        assertThat(serve.get("/metrics").body()).contains("faceblur_pipeline_jobs{state=\"done\"} 6.0")
                .contains("faceblur_s3_event_records_total{outcome=\"outside_rules\"} 2.0");

        JsonNode retried = serve.rest("POST", "/pipeline/jobs/" + failedId + "/retry", null);
        assertThat(retried.get("state").asText()).isEqualTo("queued");
        assertThat(retried.get("run").asInt()).isEqualTo(2);
    }

    /**
     * Five segments, each analysed and rendered once: the published video has the input's frames, times and
     * sound, the faces of an unsplit {@code faceblur detect} (same tracks: a face is followed across every cut)
     * and the pixels of an unsplit {@code faceblur blur} up to x264's own losses.
     */
    private static void checkSegmentedJob(ObjectStore store, String jdbc, Path street) throws Exception {
        Path out = Files.createTempFile("pipeline-street", ".mp4");
        store.download(new S3Location("public", "out/street.mp4"), out);
        VideoAssertions.assertSameFrameTimes(street, out);
        Path faces = Files.createTempFile("pipeline-street", ".json");
        store.download(new S3Location("public", "out/street.mp4.faces.json"), faces);
        Path whole = Files.createTempFile("pipeline-street-whole", ".mp4");
        try (FaceBlur engine = FaceBlur.withDetectors(new DetectorPool(Media.model(), DetectorSettings.defaults()), DetectionSchedule.defaults(),
                TrackerSettings.defaults())) {
            Analysis analysis = engine.analyse(street, ProgressListener.NONE);
            List<Track> tracks = engine.track(analysis);
            assertThat(tracks).as("faces tracked").isNotEmpty();
            String detected = RekognitionJson.mapper().writeValueAsString(RekognitionJson.result(analysis.info(), tracks));
            assertThat(JSON.readTree(faces.toFile())).as("faces.json against faceblur detect")
                    .isEqualTo(JSON.readTree(detected));
            engine.render(street, tracks, RedactionSettings.defaults(), EncoderSettings.defaults(), whole,
                    Container.MP4, ProgressListener.NONE);
        }
        assertThat(Tools.minPsnr(out, whole)).as("worst frame's PSNR against an unsplit render").isGreaterThan(40);

        String jobId = single(jdbc, "select job_id from pipeline_jobs where source_key = 'in/street.mp4'").get(0);
        assertThat(single(jdbc, "select detail from pipeline_history where job_id = '" + jobId + "'"))
                .contains("planned 5 segments of about 4 s")
                .contains("analyse segment 0, attempt 1", "analyse segment 4, attempt 1",
                        "render segment 0, attempt 1", "render segment 4, attempt 1", "join, attempt 1");
        List<String> steps = single(jdbc, "select task || ' ' || segment || ' ' || coalesce(processing_ms, -1) "
                + "from pipeline_steps where job_id = '" + jobId + "' and finished_at is not null order by task, segment");
        assertThat(steps).hasSize(11).allMatch(s -> !s.endsWith(" -1"));
        assertThat(steps.stream().map(s -> s.substring(0, s.lastIndexOf(' '))).toList()).containsExactly(
                "pipeline-analyse 0", "pipeline-analyse 1", "pipeline-analyse 2", "pipeline-analyse 3",
                "pipeline-analyse 4", "pipeline-join 0", "pipeline-render 0", "pipeline-render 1",
                "pipeline-render 2", "pipeline-render 3", "pipeline-render 4");
        assertThat(single(jdbc, "select count(*) from pipeline_segments where job_id = '" + jobId + "'"))
                .containsExactly("5");
    }

    /** The first column of every row. */
    private static List<String> single(String jdbc, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String record(String eventName, ObjectStore store, String key) {
        StoredObject head = store.head(new S3Location("uploads", key));
        String encoded = java.net.URLEncoder.encode(key, StandardCharsets.UTF_8);
        return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"" + eventName + "\","
                + "\"s3\":{\"bucket\":{\"name\":\"uploads\"},\"object\":{\"key\":\"" + encoded + "\",\"eTag\":\""
                + head.eTag().replace("\"", "") + "\",\"size\":" + head.size() + "}}}";
    }

    /** Exactly a video and its faces.json per input under out/, each complete; nothing else. */
    private static void assertOutputs(ObjectStore store, Map<String, Path> expected) throws Exception {
        Set<String> keys = new TreeSet<>();
        store.list("public", "").forEach(o -> keys.add(o.location().key()));
        Set<String> wanted = new TreeSet<>();
        expected.keySet().forEach(k -> {
            wanted.add(k);
            wanted.add(k + ".faces.json");
        });
        assertThat(keys).isEqualTo(wanted);
        for (Map.Entry<String, Path> e : expected.entrySet()) {
            Path out = Files.createTempFile("pipeline-out", ".mp4");
            store.download(new S3Location("public", e.getKey()), out);
            Path input = e.getValue();
            assertThat(frames(out)).as(e.getKey()).isEqualTo(frames(input));
            assertThat(Double.parseDouble(Tools.stream("v:0", "duration", out)))
                    .isCloseTo(Double.parseDouble(Tools.stream("v:0", "duration", input)), org.assertj.core.data.Offset.offset(0.002));
            if (!Tools.stream("a:0", "codec_name", input).isEmpty()) {
                assertThat(Tools.packetHash(out, "a:0")).isEqualTo(Tools.packetHash(input, "a:0"));
            }
            Path faces = Files.createTempFile("pipeline-out", ".json");
            store.download(new S3Location("public", e.getKey() + ".faces.json"), faces);
            assertThat(JSON.readTree(faces.toFile()).get("JobStatus").asText()).isEqualTo("SUCCEEDED");
        }
    }

    private static int frames(Path video) {
        return Integer.parseInt(Tools.ffprobe("-count_packets", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_packets", "-of", "csv=p=0", video.toString()));
    }

    /**
     * The worker holding the job for {@code key} while it is analysed or rendered, a second into that work. The
     * failure message says where every job stood and what every worker printed, as CI shows nothing else.
     */
    private static ServerProcess awaitWorkerBusyWith(String jdbc, String key, List<ServerProcess> workers)
            throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        SQLException lastError = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbc);
                 PreparedStatement q = c.prepareStatement("select h.node from pipeline_history h join pipeline_jobs j "
                         + "on j.job_id = h.job_id where j.source_key = ? and j.state in ('ANALYSING', 'RENDERING') "
                         + "and h.state = j.state and h.node is not null order by h.seq desc limit 1")) {
                q.setString(1, key);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        long pid = Long.parseLong(rs.getString(1).split("@")[0]);
                        for (ServerProcess w : workers) {
                            if (w.pid() == pid) {
                                Thread.sleep(1000); // well into the work
                                return w;
                            }
                        }
                    }
                }
            } catch (SQLException notYetMigrated) {
                // the first worker is still creating the tables
                lastError = notYetMigrated;
            }
            Thread.sleep(100);
        }
        StringBuilder why = new StringBuilder("no worker took " + key + "\nlast database error: " + lastError);
        try {
            why.append("\njobs: ").append(statesByKey(jdbc)).append("\nhistory: ").append(String.join("\n  ",
                    single(jdbc, "select j.source_key || ' ' || h.state || ' ' || coalesce(h.node, '-') || ' ' "
                            + "|| coalesce(h.detail, '') from pipeline_history h join pipeline_jobs j "
                            + "on j.job_id = h.job_id order by h.at")));
        } catch (SQLException e) {
            why.append("\ndatabase: ").append(e.getMessage());
        }
        for (ServerProcess w : workers) {
            why.append("\n--- worker ").append(w.pid()).append(w.isAlive() ? "" : " (exited)").append(":\n")
                    .append(w.log());
        }
        throw new AssertionError(why.toString());
    }

    private static void awaitAllFinished(String jdbc, int jobs) throws Exception {
        long deadline = System.nanoTime() + 150_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, String> states = statesByKey(jdbc);
            if (states.size() == jobs && states.values().stream().allMatch(s -> Set.of("DONE", "FAILED").contains(s))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("jobs did not finish: " + statesByKey(jdbc));
    }

    private static Map<String, String> statesByKey(String jdbc) throws SQLException {
        Map<String, String> states = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc);
             ResultSet rs = c.createStatement().executeQuery("select source_key, state from pipeline_jobs")) {
            while (rs.next()) {
                assertThat(states.put(rs.getString(1), rs.getString(2))).as("one job per object").isNull();
            }
        }
        return states;
    }

    private static String reason(String jdbc, String key) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc);
             PreparedStatement q = c.prepareStatement("select reason from pipeline_jobs where source_key = ?")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static Set<String> nodesThatWorkedOn(String jdbc, String key) throws SQLException {
        Set<String> nodes = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(jdbc);
             PreparedStatement q = c.prepareStatement("select h.node from pipeline_history h join pipeline_jobs j "
                     + "on j.job_id = h.job_id where j.source_key = ? and h.state in ('ANALYSING', 'RENDERING')")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    nodes.add(rs.getString(1));
                }
            }
        }
        return nodes;
    }

    private static String[] args(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
