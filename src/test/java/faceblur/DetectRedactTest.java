package faceblur;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.testing.Cli;
import faceblur.testing.Gray;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import faceblur.testing.VideoAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code detect} writes Rekognition-shaped JSON; {@code redact} covers every frame from sparse samples. */
class DetectRedactTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path INPUT = Media.media("Megamind.avi");
    private static final int WIDTH = 720;
    private static final int HEIGHT = 528;
    /** Seconds per frame of the clip (2997/125 fps). */
    private static final double FRAME = 125.0 / 2997;

    @TempDir
    Path dir;

    @Test
    void detectWritesAGetFaceDetectionResponse() throws IOException {
        Path json = dir.resolve("faces.json");
        Cli.Outcome outcome = Cli.run("detect", INPUT.toString(), "-o", json.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        JsonNode root = JSON.readTree(json.toFile());

        assertThat(root.path("JobStatus").asText()).isEqualTo("SUCCEEDED");
        JsonNode meta = root.path("VideoMetadata");
        assertThat(meta.path("FrameWidth").asInt()).isEqualTo(Integer.parseInt(Tools.stream("v:0", "width", INPUT)));
        assertThat(meta.path("FrameHeight").asInt()).isEqualTo(Integer.parseInt(Tools.stream("v:0", "height", INPUT)));
        assertThat(meta.path("FrameRate").asDouble()).isCloseTo(2997.0 / 125, within(0.001));
        double seconds = Double.parseDouble(Tools.ffprobe("-show_entries", "format=duration", "-of",
                "default=nw=1:nk=1", INPUT.toString()));
        assertThat(meta.path("DurationMillis").asLong()).isCloseTo(Math.round(seconds * 1000), within(100L));
        assertThat(meta.path("Codec").asText()).isEqualTo("mpeg4");
        assertThat(meta.path("Format").asText()).isEqualTo("AVI (Audio Video Interleaved)");

        JsonNode faces = root.path("Faces");
        assertThat(faces.size()).isGreaterThan(100);
        long previous = -1;
        for (JsonNode f : faces) {
            long t = f.path("Timestamp").asLong();
            assertThat(t).isGreaterThanOrEqualTo(previous);
            previous = t;
            JsonNode box = f.path("Face").path("BoundingBox");
            assertThat(box.path("Width").asDouble()).isBetween(0.0, 1.5);
            assertThat(box.path("Height").asDouble()).isBetween(0.0, 1.5);
            assertThat(box.path("Left").asDouble()).isBetween(-0.5, 1.0);
            assertThat(box.path("Top").asDouble()).isBetween(-0.5, 1.0);
            assertThat(f.path("Face").path("Confidence").asDouble()).isBetween(0.0, 100.0);
            assertThat(f.path("Face").path("Landmarks").findValuesAsText("Type"))
                    .containsExactly("eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight");
            assertThat(f.path("TrackId").isInt()).isTrue();
        }
        assertThat(previous * 1e-3).isLessThanOrEqualTo(seconds);

        // The close-up on frame 220, located by eye: some face's centre lies on it at that time.
        long t220 = Math.round(220 * FRAME * 1000);
        boolean found = false;
        for (JsonNode f : faces) {
            JsonNode b = f.path("Face").path("BoundingBox");
            double cx = (b.path("Left").asDouble() + b.path("Width").asDouble() / 2) * WIDTH;
            double cy = (b.path("Top").asDouble() + b.path("Height").asDouble() / 2) * HEIGHT;
            if (Math.abs(f.path("Timestamp").asLong() - t220) <= 50 && cx > 300 && cx < 500 && cy > 180 && cy < 360) {
                found = true;
            }
        }
        assertThat(found).as("the close-up face near %d ms", t220).isTrue();
    }

    /**
     * Two pages in two files, one sample each, of the woman's face (located by eye) at 1 s and 2 s: she is
     * hidden between them and within --extend (0.5 s here) of them, and left alone further away.
     */
    @Test
    void redactCoversEveryFrameFromSparseSamples() throws IOException {
        Path page1 = page("page1.json", 1000, "\"NextToken\":\"abc\",");
        Path page2 = page("page2.json", 2000, "");
        Path out = dir.resolve("redacted.mp4");
        Cli.Outcome outcome = Cli.run("redact", INPUT.toString(), "--faces", page1.toString(), "--faces",
                page2.toString(), "-o", out.toString(), "-q", "--preset", "ultrafast", "--extend", "0.5");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();

        assertHidden(out, 36);     // 1.50 s, between the samples
        assertHidden(out, 19);     // 0.79 s, within 0.5 s before the first
        assertHidden(out, 58);     // 2.42 s, within 0.5 s after the last
        assertKept(out, 2);        // 0.08 s
        assertKept(out, 70);       // 2.92 s
    }

    @Test
    void extendZeroHidesOnlyBetweenSamples() throws IOException {
        Path page = page("both.json", 1000, "", 2000);
        Path out = dir.resolve("redacted0.mp4");
        Cli.Outcome outcome = Cli.run("redact", INPUT.toString(), "--faces", page.toString(), "-o", out.toString(),
                "-q", "--preset", "ultrafast", "--extend", "0");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertHidden(out, 36);
        assertKept(out, 19);
    }

    /**
     * A box sampled at 3.5 s and 4.0 s, where the next shot (from frame 98, 4.09 s) shows the man's face: with
     * --extend 2 it would stay until 6 s, but the cut ends it, so his face keeps its detail from the cut on.
     */
    @Test
    void redactEndsAFaceAtTheShotChange() throws IOException {
        String box = String.format(Locale.ROOT, "\"BoundingBox\":{\"Width\":%.4f,\"Height\":%.4f,\"Left\":%.4f,\"Top\":%.4f}",
                140.0 / WIDTH, 180.0 / HEIGHT, 430.0 / WIDTH, 160.0 / HEIGHT);
        Path page = Files.writeString(dir.resolve("before-cut.json"), "{\"JobStatus\":\"SUCCEEDED\",\"Faces\":["
                + "{\"Timestamp\":3500,\"Face\":{" + box + ",\"Confidence\":99.0}},"
                + "{\"Timestamp\":4000,\"Face\":{" + box + ",\"Confidence\":99.0}}]}");
        Path out = dir.resolve("cut.mp4");
        Cli.Outcome outcome = Cli.run("redact", INPUT.toString(), "--faces", page.toString(), "-o", out.toString(),
                "-q", "--preset", "ultrafast", "--extend", "2");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        for (int frame : new int[]{98, 110, 140}) {
            Gray before = Tools.grayFrame(INPUT, frame);
            Gray after = Tools.grayFrame(out, frame);
            assertThat(after.meanAbsDiff(before, 450, 180, 550, 320)).as("change on frame %d", frame).isLessThan(4.0);
        }
        Gray before = Tools.grayFrame(INPUT, 96);
        assertThat(Tools.grayFrame(out, 96).meanAbsDiff(before, 450, 180, 550, 320)).as("change before the cut")
                .isGreaterThan(8.0);
    }

    @Test
    void malformedFacesFileIsNamed() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"Faces\": [ {\"Timestamp\": ");
        Cli.Outcome outcome = Cli.run("redact", INPUT.toString(), "--faces", bad.toString(), "-o",
                dir.resolve("x.mp4").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains(bad.toString()).contains("not valid JSON");
        assertThat(dir.resolve("x.mp4")).doesNotExist();
    }

    /** A response holding the woman's face box at the given times (ms). */
    private Path page(String name, long first, String extra, long... more) throws IOException {
        StringBuilder faces = new StringBuilder(face(first));
        for (long t : more) {
            faces.append(',').append(face(t));
        }
        String body = "{\"JobStatus\":\"SUCCEEDED\"," + extra + "\"Faces\":[" + faces + "]}";
        return Files.writeString(dir.resolve(name), body);
    }

    private static String face(long millis) {
        return String.format(Locale.ROOT, "{\"Timestamp\":%d,\"Face\":{\"BoundingBox\":{\"Width\":%.4f,\"Height\":%.4f,"
                + "\"Left\":%.4f,\"Top\":%.4f},\"Confidence\":99.0}}", millis, 140.0 / WIDTH, 173.0 / HEIGHT,
                229.0 / WIDTH, 151.0 / HEIGHT);
    }

    private static void assertHidden(Path out, int frame) {
        Gray before = Tools.grayFrame(INPUT, frame);
        Gray after = Tools.grayFrame(out, frame);
        assertThat(after.detail(250, 180, 350, 300)).as("detail of the face on frame %d", frame)
                .isLessThan(0.35 * before.detail(250, 180, 350, 300));
    }

    private static void assertKept(Path out, int frame) {
        Gray before = Tools.grayFrame(INPUT, frame);
        Gray after = Tools.grayFrame(out, frame);
        assertThat(after.meanAbsDiff(before, 250, 180, 350, 300)).as("change on frame %d", frame).isLessThan(4.0);
    }

    /**
     * {@code redact --keep} leaves one track's face as it was: the close-up of frame 220 (located by eye) keeps
     * its detail when its track is kept, and an id that is not in the file is refused by name.
     */
    @Test
    void keepLeavesThatTrackVisible() throws IOException {
        Path json = dir.resolve("faces.json");
        assertThat(Cli.run("detect", INPUT.toString(), "-o", json.toString(), "-q").exitCode()).isZero();
        long t220 = Math.round(220 * FRAME * 1000);
        int closeUp = -1;
        for (JsonNode f : JSON.readTree(json.toFile()).path("Faces")) {
            JsonNode b = f.path("Face").path("BoundingBox");
            double cx = (b.path("Left").asDouble() + b.path("Width").asDouble() / 2) * WIDTH;
            double cy = (b.path("Top").asDouble() + b.path("Height").asDouble() / 2) * HEIGHT;
            if (Math.abs(f.path("Timestamp").asLong() - t220) <= 50 && cx > 300 && cx < 500 && cy > 180 && cy < 360) {
                closeUp = f.path("TrackId").asInt();
            }
        }
        assertThat(closeUp).isPositive();
        Path kept = dir.resolve("kept.mp4");
        Cli.Outcome outcome = Cli.run("redact", INPUT.toString(), "--faces", json.toString(), "--keep",
                String.valueOf(closeUp), "-o", kept.toString(), "-q", "--preset", "ultrafast");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        Gray before = Tools.grayFrame(INPUT, 220);
        Gray after = Tools.grayFrame(kept, 220);
        assertThat(after.detail(300, 180, 500, 360)).isGreaterThan(0.7 * before.detail(300, 180, 500, 360));
        assertThat(after.meanAbsDiff(before, 300, 180, 500, 360)).isLessThan(4.0);

        Cli.Outcome unknown = Cli.run("redact", INPUT.toString(), "--faces", json.toString(), "--keep", "9999",
                "-o", dir.resolve("never.mp4").toString(), "-q");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("--keep [9999]: no such TrackId");
        assertThat(dir.resolve("never.mp4")).doesNotExist();
    }

    /**
     * {@code redact --faces} of faceblur's own detections hides what {@code blur} hides: both render with
     * --style fill, and on every frame at most a sliver of pixels along a mask's edge differ by more than x264's
     * own noise (30 levels): the JSON's boxes are rounded to float ratios, which can move an edge by a pixel.
     * Before, redact linked the sightings into tracks anew: 262 of the 271 frames differed, by up to 5,140 pixels.
     */
    @Test
    void redactOfBlursOwnDetectionsDrawsTheSameMasks() throws IOException {
        Path json = dir.resolve("faces.json");
        Path blurred = dir.resolve("blurred.mp4");
        Cli.Outcome blur = Cli.run("blur", INPUT.toString(), "-o", blurred.toString(), "--faces-json", json.toString(),
                "--style", "fill", "-q", "--preset", "ultrafast");
        assertThat(blur.exitCode()).as(blur.stderr()).isZero();
        Path redacted = dir.resolve("redacted.mp4");
        Cli.Outcome redact = Cli.run("redact", INPUT.toString(), "--faces", json.toString(), "-o", redacted.toString(),
                "--style", "fill", "-q", "--preset", "ultrafast");
        assertThat(redact.exitCode()).as(redact.stderr()).isZero();
        VideoAssertions.assertSameMasks(blurred, redacted, 50);
    }

    /**
     * A kept face crossed by a hand stays sharp. On thanks.mkv (a man signing) his fingers reach his chin on
     * frames 12-31 (from 0); a weak detection of them (score 0.2, a box inside his face located by eye, as the
     * detector gives for hands on other footage) is added to detect's own output as a track of its own. Kept, his
     * face must stay as the source has it on every one of those frames (PSNR inside his face box over 33 dB: a
     * mask over his chin brings it far below). Not kept, his face is hidden as before.
     */
    @Test
    void aKeptFaceCrossedByAHandStaysSharp() throws IOException {
        Path clip = Media.media("real/thanks.mkv");
        Path json = dir.resolve("thanks.json");
        assertThat(Cli.run("detect", clip.toString(), "-o", json.toString(), "-q").exitCode()).isZero();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(json.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode faces = (com.fasterxml.jackson.databind.node.ArrayNode) root.path("Faces");
        java.util.Map<Integer, Integer> sightings = new java.util.HashMap<>();
        faces.forEach(f -> sightings.merge(f.path("TrackId").asInt(), 1, Integer::sum));
        int signer = sightings.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        int hand = sightings.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
        // His fingers at the chin, inside his face box (282,49 62x82 on these frames).
        double[] fingers = {290, 108, 34, 24};
        for (int n = 12; n <= 31; n++) {
            faces.add(JSON.readTree(String.format(Locale.ROOT, "{\"Timestamp\":%d,\"TrackId\":%d,\"Face\":{\"BoundingBox\":"
                            + "{\"Width\":%.5f,\"Height\":%.5f,\"Left\":%.5f,\"Top\":%.5f},\"Confidence\":20.0}}",
                    Math.round(n * 1000.0 / 30), hand, fingers[2] / 640, fingers[3] / 480, fingers[0] / 640, fingers[1] / 480)));
        }
        Files.writeString(json, JSON.writeValueAsString(root));

        Path kept = dir.resolve("kept.mp4");
        Cli.Outcome outcome = Cli.run("redact", clip.toString(), "--faces", json.toString(), "--keep",
                String.valueOf(signer), "-o", kept.toString(), "-q", "--preset", "ultrafast");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        for (int n = 12; n <= 31; n++) {
            Gray before = Tools.grayFrame(clip, n);
            assertThat(Tools.grayFrame(kept, n).psnr(before, 282, 49, 344, 131)).as("his face on frame %d", n)
                    .isGreaterThan(33.0);
        }

        Path blurred = dir.resolve("blurred.mp4");
        assertThat(Cli.run("redact", clip.toString(), "--faces", json.toString(), "-o", blurred.toString(), "-q",
                "--preset", "ultrafast").exitCode()).isZero();
        Gray before = Tools.grayFrame(clip, 20);
        assertThat(Tools.grayFrame(blurred, 20).detail(282, 49, 344, 131)).isLessThan(0.35 * before.detail(282, 49, 344, 131));
    }
}
