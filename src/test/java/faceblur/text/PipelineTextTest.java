package faceblur.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.detect.Box;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.storage.S3Settings;
import faceblur.testing.Cli;
import faceblur.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Watch rules that hide text, through a real {@code faceblur serve} on its own buckets: one upload goes through a
 * rule hiding faces and one hiding faces and text, and the plate marked by a person is judged from the pixels of
 * its box in each output, as {@link PlateHidingTest} judges {@code blur --hide faces,text}.
 */
class PipelineTextTest {

    @TempDir
    Path dir;

    private ServerProcess serve(String... more) {
        String[] base = {"--data", dir.resolve("data").toString(), "--port", "0", "--s3-port", "0", "--threads", "2",
                "--text-model", TextDetectorTest.model().toString(), "--watch-interval", "1h",
                "--watch", "s3://uploads/in", "--to", "s3://uploads/faces", "--rule-options", "default",
                "--watch", "s3://uploads/in", "--to", "s3://uploads/text", "--rule-options", "hide=faces,text"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return ServerProcess.start(Map.of(), all);
    }

    /**
     * Uploads {@code file} to {@code key} of the watched bucket and announces it as S3 announces a new object.
     * Not left to the listing: the local buckets list an upload's temporary file while it is written, which a
     * listing at that moment would queue as an object of its own.
     */
    private static void upload(ServerProcess serve, ObjectStore store, Path file, String key) throws Exception {
        store.upload(file, new S3Location("uploads", key));
        JsonNode answer = serve.rest("POST", "/s3-events", "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"uploads\"},\"object\":{\"key\":\"" + key + "\"}}}]}");
        assertThat(answer.path("queued").asInt()).as(answer + serve.log()).isEqualTo(1);
    }

    /** Waits until {@code count} jobs are done (or any failed); the done jobs. */
    private static JsonNode done(ServerProcess serve, int count) throws Exception {
        long deadline = System.nanoTime() + 240_000_000_000L;
        JsonNode done = null;
        while (System.nanoTime() < deadline) {
            JsonNode failed = serve.rest("GET", "/pipeline/jobs?state=failed", null).get("jobs");
            assertThat(failed).as(serve.log()).isEmpty();
            done = serve.rest("GET", "/pipeline/jobs?state=done", null).get("jobs");
            if (done.size() >= count) {
                return done;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("jobs not done in time: " + done + "\n" + serve.log());
    }

    @Test
    void aRuleHidingTextHidesThePlateOfAnUploadedPhoto() throws Exception {
        Path car = PlateHidingTest.PLATES.resolve("eu1.jpg");
        Box plate = PlateHidingTest.markedPlate("eu1");
        try (ServerProcess serve = serve();
             ObjectStore store = ObjectStore.connect(S3Settings.of(serve.s3(), "any", "any"))) {
            store.createBucketIfMissing("uploads");
            upload(serve, store, car, "in/eu1.jpg");
            JsonNode done = done(serve, 2);
            assertThat(done.findValuesAsText("hide")).containsExactlyInAnyOrder("faces", "faces,text");
            Path facesOnly = dir.resolve("faces.jpg");
            Path withText = dir.resolve("text.jpg");
            store.download(new S3Location("uploads", "faces/eu1.jpg"), facesOnly);
            store.download(new S3Location("uploads", "text/eu1.jpg"), withText);
            double original = PlateHidingTest.plateDetail(car, plate);
            // The faces rule leaves the plate as it was: the check below can fail.
            assertThat(PlateHidingTest.plateDetail(facesOnly, plate)).isGreaterThan(0.7 * original);
            assertThat(PlateHidingTest.plateDetail(withText, plate)).isLessThan(0.25 * original);
            JsonNode history = serve.rest("GET", "/pipeline/jobs/" + idOf(done, "faces,text"), null).get("history");
            assertThat(history.toString()).contains("text regions");
        }
    }

    /**
     * The moving plate of {@link MovingPlateTest}, cut into two segments analysed and rendered as separate steps:
     * the text is tracked across the cut and the plate hidden on every frame, checked by ffmpeg along its path.
     */
    @Test
    void aRuleHidingTextHidesAMovingPlateOnEveryFrameAcrossSegments() throws Exception {
        // keyframes every 12 frames (0.48 s), so that 1 s segments cut the 2 s clip in two
        Path pan = MovingPlateTest.pannedPlate(dir, "-g", "12", "-keyint_min", "12", "-sc_threshold", "0");
        try (ServerProcess serve = serve("--segment-duration", "1s");
             ObjectStore store = ObjectStore.connect(S3Settings.of(serve.s3(), "any", "any"))) {
            store.createBucketIfMissing("uploads");
            upload(serve, store, pan, "in/pan.mp4");
            JsonNode done = done(serve, 2);
            Path facesOnly = dir.resolve("faces-only.mp4");
            Path withText = dir.resolve("with-text.mp4");
            store.download(new S3Location("uploads", "faces/pan.mp4"), facesOnly);
            store.download(new S3Location("uploads", "text/pan.mp4"), withText);
            MovingPlateTest.assertPlateHiddenOnEveryFrame(dir, pan, withText);
            // The faces rule leaves the plate: the check above can fail.
            assertThatThrownBy(() -> MovingPlateTest.assertPlateHiddenOnEveryFrame(dir, pan, facesOnly))
                    .isInstanceOf(AssertionError.class);
            String textJob = idOf(done, "faces,text");
            JsonNode detail = serve.rest("GET", "/pipeline/jobs/" + textJob, null);
            assertThat(detail.get("history").toString()).contains("planned 2 segments").contains("text tracks");
            assertThat(detail.get("steps").findValuesAsText("step")).as(detail.toString())
                    .filteredOn(s -> s.contains("analyse")).hasSize(2);
            Path json = dir.resolve("text.json");
            store.download(new S3Location("uploads", "text/pan.mp4.faces.json"), json);
            JsonNode result = new ObjectMapper().readTree(json.toFile());
            assertThat(result.get("Texts").size()).as(result.toString()).isPositive();
            assertThat(result.get("Texts").get(0).has("TrackId")).isTrue();
            assertThat(result.get("TextEvery").asInt()).isEqualTo(TextHiding.DEFAULT_EVERY);
        }
    }

    @Test
    void aRuleHidingTextWithoutItsModelStopsTheNodeInOneLine() {
        Path missing = dir.resolve("no-such-model.onnx");
        Cli.Outcome outcome = Cli.run("serve", "--port", "0", "--s3-port", "0", "--data", dir.toString(),
                "--watch", "s3://upl/in", "--to", "s3://pub/out", "--rule-options", "hide=text",
                "--text-model", missing.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().strip()).contains("--text-model").contains(missing.toString())
                .doesNotContain("\tat ").hasLineCount(1);
    }

    private static String idOf(JsonNode jobs, String hide) {
        for (JsonNode job : jobs) {
            if (job.get("hide").asText().equals(hide)) {
                return job.get("id").asText();
            }
        }
        throw new AssertionError("no job hiding " + hide + " in " + jobs);
    }
}
