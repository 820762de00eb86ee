package faceblur.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.detect.Box;
import faceblur.testing.Cli;
import faceblur.testing.Gray;
import faceblur.testing.Tools;
import faceblur.testing.VideoAssertions;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * {@code detect --hide faces,text} on the pan over a marked plate ({@link MovingPlateTest}): a Texts list beside
 * Faces, and the plate found on every frame the text detector looked at, where the person who marked it put it.
 */
class DetectTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;

    @TempDir
    Path dir;

    Path pan;

    @BeforeEach
    void pan() throws Exception {
        pan = MovingPlateTest.pannedPlate(dir);
    }

    /** {@code faceblur detect INPUT OPTIONS}, checked to succeed; the JSON it wrote. */
    private JsonNode detect(Path input, String... options) throws IOException {
        Path json = dir.resolve(input.getFileName() + ".json");
        List<String> args = new ArrayList<>(List.of("detect", input.toString(), "-o", json.toString(), "-q"));
        args.addAll(List.of(options));
        Cli.Outcome outcome = Cli.run(args.toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        return JSON.readTree(json.toFile());
    }

    /** The marked plate (396, 340, 203 x 46 in eu1.jpg) in the window's pixels at frame n. */
    private static double[] plate(int n) {
        return new double[]{396 - 100 - 4 * n, 340 - 200 - n, 203, 46};
    }

    @Test
    void detectWritesTheTextBesideTheFaces() throws IOException {
        JsonNode root = detect(pan, "--hide", "faces,text", "--text-model", TextDetectorTest.model().toString());
        assertThat(root.path("Faces").isArray()).isTrue();
        assertThat(root.path("TextEvery").asInt()).isEqualTo(TextHiding.DEFAULT_EVERY);
        Set<Integer> faceIds = new HashSet<>();
        root.path("Faces").forEach(f -> faceIds.add(f.path("TrackId").asInt()));

        JsonNode texts = root.path("Texts");
        assertThat(texts.size()).isGreaterThanOrEqualTo(MovingPlateTest.FRAMES / TextHiding.DEFAULT_EVERY);
        long previous = -1;
        for (JsonNode t : texts) {
            assertThat(t.path("Timestamp").asLong()).isGreaterThanOrEqualTo(previous);
            previous = t.path("Timestamp").asLong();
            assertThat(t.path("TrackId").isInt()).isTrue();
            assertThat(faceIds).doesNotContain(t.path("TrackId").asInt());
            assertThat(t.path("TextDetection").path("Confidence").asDouble()).isBetween(0.0, 100.0);
        }
        // Every frame looked at (0, 5, ... 45, at 40 ms a frame) has a text box holding the plate's middle, and the
        // text's own box, not a mask grown around it: no more than half again the marked plate each way.
        Set<Integer> plateTracks = new HashSet<>();
        for (int n = 0; n < MovingPlateTest.FRAMES; n += TextHiding.DEFAULT_EVERY) {
            List<JsonNode> onPlate = onPlate(texts, n);
            assertThat(onPlate).as("a text box on the plate at frame %d", n).isNotEmpty();
            for (JsonNode b : onPlate) {
                JsonNode box = b.path("TextDetection").path("Geometry").path("BoundingBox");
                assertThat(box.path("Width").asDouble() * WIDTH).as("plate box width on frame %d", n)
                        .isLessThan(1.5 * plate(n)[2]);
                assertThat(box.path("Height").asDouble() * HEIGHT).as("plate box height on frame %d", n)
                        .isLessThan(1.5 * plate(n)[3]);
                plateTracks.add(b.path("TrackId").asInt());
            }
        }
        assertThat(plateTracks).as("the plate is one track").hasSize(1);
    }

    /** A photo's text is written as Texts beside its FaceDetails: the marked plate of eu1.jpg is among them. */
    @Test
    void detectWritesThePlateOfAPhoto() throws IOException {
        Path car = PlateHidingTest.PLATES.resolve("eu1.jpg");
        JsonNode root = detect(car, "--hide", "faces,text", "--text-model", TextDetectorTest.model().toString());
        assertThat(root.path("FaceDetails").isArray()).isTrue();
        Box plate = PlateHidingTest.markedPlate("eu1");
        int width;
        int height;
        try (Mat picture = imread(car.toString())) {
            width = picture.cols();
            height = picture.rows();
        }
        boolean found = false;
        for (JsonNode t : root.path("Texts")) {
            JsonNode b = t.path("Geometry").path("BoundingBox");
            double left = b.path("Left").asDouble() * width;
            double top = b.path("Top").asDouble() * height;
            found |= plate.centerX() > left && plate.centerX() < left + b.path("Width").asDouble() * width
                    && plate.centerY() > top && plate.centerY() < top + b.path("Height").asDouble() * height;
        }
        assertThat(found).as("a text box on the marked plate %s in %s", plate, root.path("Texts")).isTrue();
    }

    /** Without --hide text the JSON is the faces-only response it always was: no Texts, no TextEvery. */
    @Test
    void plainDetectWritesNoTexts() throws IOException {
        JsonNode root = detect(pan);
        assertThat(root.has("Faces")).isTrue();
        assertThat(root.has("Texts")).isFalse();
        assertThat(root.has("TextEvery")).isFalse();
    }

    /**
     * {@code detect --hide faces,text} then {@code redact} hides what {@code blur --hide faces,text} hides: both
     * with --style fill draw the same masks on every frame (as DetectRedactTest checks for faces), the plate is
     * hidden on every frame, and --keep of the plate's TrackId leaves it as it was.
     */
    @Test
    void redactOfDetectedTextEqualsBlur() throws IOException {
        String model = TextDetectorTest.model().toString();
        JsonNode detected = detect(pan, "--hide", "faces,text", "--text-model", model);
        Path json = dir.resolve("pan.mp4.json");
        Path blurred = dir.resolve("blurred.mp4");
        Cli.Outcome blur = Cli.run("blur", pan.toString(), "--hide", "faces,text", "--text-model", model, "-o",
                blurred.toString(), "--style", "fill", "-q", "--preset", "ultrafast");
        assertThat(blur.exitCode()).as(blur.stderr()).isZero();
        Path redacted = dir.resolve("redacted.mp4");
        Cli.Outcome redact = Cli.run("redact", pan.toString(), "--faces", json.toString(), "-o", redacted.toString(),
                "--style", "fill", "-q", "--preset", "ultrafast");
        assertThat(redact.exitCode()).as(redact.stderr()).isZero();

        VideoAssertions.assertSameMasks(blurred, redacted, 50);
        List<Gray> source = Tools.grayFrames(pan);
        List<Gray> hidden = Tools.grayFrames(redacted);
        for (int n = 0; n < MovingPlateTest.FRAMES; n++) {
            int[] r = inner(n);
            assertThat(hidden.get(n).detail(r[0], r[1], r[2], r[3])).as("plate detail on frame %d", n)
                    .isLessThan(0.35 * source.get(n).detail(r[0], r[1], r[2], r[3]));
        }

        // Every text track on the plate (its letters may be found as a line and as pieces) kept.
        List<String> redactKeeping = new ArrayList<>(List.of("redact", pan.toString(), "--faces", json.toString()));
        for (int id : plateTracks(detected.path("Texts"))) {
            redactKeeping.addAll(List.of("--keep", String.valueOf(id)));
        }
        Path kept = dir.resolve("kept.mp4");
        redactKeeping.addAll(List.of("-o", kept.toString(), "--style", "fill", "-q", "--preset", "ultrafast"));
        Cli.Outcome keep = Cli.run(redactKeeping.toArray(String[]::new));
        assertThat(keep.exitCode()).as(keep.stderr()).isZero();
        // The plate's own pixels come through, bar the edge of a small sticker's mask on its left (7 % of them on
        // frame 20, the whole plate when not kept).
        int[] r = inner(20);
        double keptChange = Tools.grayFrame(kept, 20).meanAbsDiff(source.get(20), r[0], r[1], r[2], r[3]);
        assertThat(keptChange).as("the kept plate's change").isLessThan(0.2 * hidden.get(20).meanAbsDiff(source.get(20),
                r[0], r[1], r[2], r[3]));
    }

    /** The Texts sighted at frame n whose box holds the marked plate's middle. */
    private static List<JsonNode> onPlate(JsonNode texts, int n) {
        double[] p = plate(n);
        double cx = p[0] + p[2] / 2;
        double cy = p[1] + p[3] / 2;
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode t : texts) {
            JsonNode b = t.path("TextDetection").path("Geometry").path("BoundingBox");
            double left = b.path("Left").asDouble() * WIDTH;
            double top = b.path("Top").asDouble() * HEIGHT;
            if (t.path("Timestamp").asLong() == n * 40L && cx > left && cx < left + b.path("Width").asDouble() * WIDTH
                    && cy > top && cy < top + b.path("Height").asDouble() * HEIGHT) {
                found.add(t);
            }
        }
        return found;
    }

    /** The TrackIds of the Texts on the plate on any frame looked at. */
    private static Set<Integer> plateTracks(JsonNode texts) {
        Set<Integer> ids = new HashSet<>();
        for (int n = 0; n < MovingPlateTest.FRAMES; n += TextHiding.DEFAULT_EVERY) {
            onPlate(texts, n).forEach(t -> ids.add(t.path("TrackId").asInt()));
        }
        return ids;
    }

    /** The inner 80 % of the marked plate at frame n, as x0, y0, x1, y1 ({@link MovingPlateTest#PLATE}). */
    private static int[] inner(int n) {
        int x = 316 - 4 * n;
        int y = 145 - n;
        return new int[]{x, y, x + MovingPlateTest.W, y + MovingPlateTest.H};
    }
}
