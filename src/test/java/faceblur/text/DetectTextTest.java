package faceblur.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.detect.Box;
import faceblur.testing.Cli;
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
            double[] p = plate(n);
            double cx = p[0] + p[2] / 2;
            double cy = p[1] + p[3] / 2;
            boolean found = false;
            for (JsonNode t : texts) {
                JsonNode b = t.path("TextDetection").path("Geometry").path("BoundingBox");
                double left = b.path("Left").asDouble() * WIDTH;
                double top = b.path("Top").asDouble() * HEIGHT;
                double w = b.path("Width").asDouble() * WIDTH;
                double h = b.path("Height").asDouble() * HEIGHT;
                if (t.path("Timestamp").asLong() == n * 40L && cx > left && cx < left + w && cy > top && cy < top + h) {
                    assertThat(w).as("plate box width on frame %d", n).isLessThan(1.5 * p[2]);
                    assertThat(h).as("plate box height on frame %d", n).isLessThan(1.5 * p[3]);
                    plateTracks.add(t.path("TrackId").asInt());
                    found = true;
                }
            }
            assertThat(found).as("a text box on the plate at frame %d", n).isTrue();
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
}
