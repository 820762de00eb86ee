package faceblur.text;

import com.fasterxml.jackson.databind.JsonNode;
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
                "--text-model", TextDetectorTest.model().toString(), "--watch-interval", "1s",
                "--watch", "s3://uploads/in", "--to", "s3://uploads/faces", "--rule-options", "default",
                "--watch", "s3://uploads/in", "--to", "s3://uploads/text", "--rule-options", "hide=faces,text"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return ServerProcess.start(Map.of(), all);
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
            store.upload(car, new S3Location("uploads", "in/eu1.jpg"));
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
