package faceblur.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.detect.Box;
import faceblur.testing.Cli;
import faceblur.testing.Gray;
import faceblur.testing.Media;
import faceblur.testing.StudioClient;
import faceblur.testing.Tools;
import faceblur.text.HideTargets;
import faceblur.text.TextHiding;
import faceblur.text.TextSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A studio started as {@code faceblur studio --hide faces,text} on a real clip with a licence plate: 1.2 s of a
 * car photo from the plates set whose plate is marked by hand. The text found is listed as its own kind, with
 * thumbnails; exported hidden, the plate loses its letters on every frame; kept, it comes out as it went in.
 * The pixels are cut out of the videos by ffmpeg at the marked box, independently of faceblur.
 */
class StudioTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FRAMES = 30;
    /** eu1.jpg's marked plate (396, 340, 203 x 46) in the 640x360 window cut at (100, 200). */
    private static final Box PLATE = new Box(296, 140, 203, 46);
    /** Its inner 80 %, where the letters are. */
    private static final int X = 316;
    private static final int Y = 145;
    private static final int W = 162;
    private static final int H = 36;

    @TempDir
    static Path dir;
    static LocalStudio studio;
    static StudioClient c;
    static Path clip;

    @BeforeAll
    static void start() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("videos"));
        clip = plateClip(folder.resolve("plate.mp4"), FRAMES);
        TextSource text = new TextSource(textModel(), TextHiding.DEFAULT_EVERY, 2);
        studio = new LocalStudio(dir.resolve("data"), List.of(folder), "text-token", Map.of(), StudioWeb.defaults(),
                config -> { }, HideTargets.parse("--hide", "faces,text"), text);
        c = new StudioClient(studio.base);
        c.signInWith(studio.printed());
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    /** {@code frames} frames at 25 fps of eu1.jpg cut to 640x360 at (100, 200), its plate at {@link #PLATE}. */
    static Path plateClip(Path file, int frames) {
        Tools.ffmpeg("-loop", "1", "-i", Media.shared().resolve("eval/plates-eu/eu1.jpg").toString(), "-vf",
                "crop=640:360:100:200,format=yuv420p", "-frames:v", String.valueOf(frames), "-r", "25", "-c:v",
                "libx264", "-crf", "18", file.toString());
        return file;
    }

    /** The text model in the shared folder, as the text tests find it. */
    static Path textModel() {
        return Media.shared().resolve("models/ch_PP-OCRv4_det_infer.onnx");
    }

    @Test
    void thePlateIsTextHiddenUntilKeptAndTheReportCountsIt() throws Exception {
        String id = c.open(clip);
        c.awaitReady(id);
        String p = "api/projects/" + id;
        JsonNode people = c.get(p + "/people?limit=100").path("people");
        List<JsonNode> texts = new ArrayList<>();
        people.forEach(x -> {
            if (x.path("kind").asText().equals("text")) {
                texts.add(x);
            }
        });
        assertThat(texts).as("text listed as its own kind: " + people).isNotEmpty();
        assertThat(texts).allSatisfy(x -> assertThat(x.path("decision").asText()).isEqualTo("blur"));
        // Each with a picture of itself that the page can show.
        for (JsonNode x : texts) {
            String thumb = x.path("tracks").get(0).path("thumbs").get(0).path("file").asText();
            assertThat(c.bytes(p + "/thumbs/" + thumb).statusCode()).as(thumb).isEqualTo(200);
        }
        // The text whose masks lie on the marked plate on the first frame: the plate, kept later.
        List<Integer> onPlate = new ArrayList<>();
        for (JsonNode box : c.get(p + "/masks?from=0&count=1").path("frames").get(0)) {
            Box b = new Box(box.get(3).asDouble(), box.get(4).asDouble(), box.get(5).asDouble(), box.get(6).asDouble());
            int person = box.get(1).asInt();
            boolean text = texts.stream().anyMatch(x -> x.path("id").asInt() == person);
            if (text && b.intersectionArea(PLATE) > 0.5 * PLATE.area() && !onPlate.contains(person)) {
                onPlate.add(person);
            }
        }
        assertThat(onPlate).as("text masks over the plate on frame 0").isNotEmpty();

        List<Gray> source = plateGray(clip);
        List<Gray> blurred = plateGray(export(p, id));
        assertThat(blurred).hasSize(FRAMES);
        double hiddenWorst = 0;
        for (int n = 0; n < FRAMES; n++) {
            assertThat(letters(source.get(n))).as("the plate has letters on frame %d", n).isGreaterThan(5);
            assertThat(letters(blurred.get(n))).as("letters left on frame %d", n)
                    .isLessThan(0.35 * letters(source.get(n)));
            hiddenWorst = Math.max(hiddenWorst, letters(blurred.get(n)) / letters(source.get(n)));
        }

        for (int person : onPlate) {
            c.post(p + "/people/" + person, "{\"decision\":\"keep\"}");
        }
        List<Gray> kept = plateGray(export(p, id));
        assertThat(kept).hasSize(FRAMES);
        double keptWorst = 0;
        for (int n = 0; n < FRAMES; n++) {
            assertThat(letters(kept.get(n))).as("letters on frame %d", n).isGreaterThan(0.8 * letters(source.get(n)));
            keptWorst = Math.max(keptWorst, source.get(n).meanAbsDiff(kept.get(n), 0, 0, W, H));
        }
        System.out.printf("plate hidden: letters at most %.3f of the source's; kept: mean difference from the "
                + "source at most %.2f of 255 a frame%n", hiddenWorst, keptWorst);
        assertThat(keptWorst).as("mean absolute difference of the kept plate from the source").isLessThan(4);

        JsonNode report = JSON.readTree(c.bytes(p + "/export/report.json").body());
        JsonNode summary = report.path("summary");
        assertThat(summary.path("texts").asInt()).isEqualTo(texts.size());
        assertThat(summary.path("textKeptVisible").asInt()).isEqualTo(onPlate.size());
        assertThat(summary.path("textHidden").asInt()).isEqualTo(texts.size() - onPlate.size());
        assertThat(report.path("provenance").path("text").path("model").path("name").asText())
                .isEqualTo("ch_PP-OCRv4_det_infer.onnx");
        String text = new String(c.bytes(p + "/export/report.txt").body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains(texts.size() + " pieces of text: " + (texts.size() - onPlate.size()) + " hidden, "
                + onPlate.size() + " left visible.");
    }

    /** {@code faceblur studio --hide} takes what blur takes, and says at the start what is wrong with it. */
    @Test
    @Timeout(60)
    void badHideOptionsAreSaidAtTheStart() {
        Cli.Outcome unknown = Cli.run("studio", "--hide", "faces,plates", "--port", "0");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("--hide: unknown 'plates'").doesNotContain("Exception");
        Path missing = dir.resolve("no-such-model.onnx");
        Cli.Outcome noModel = Cli.run("studio", "--hide", "text", "--text-model", missing.toString(), "--port", "0");
        assertThat(noModel.exitCode()).isNotZero();
        assertThat(noModel.stderr()).contains(missing.toString()).doesNotContain("Exception");
    }

    /** Exports the project as it is now; the video written. */
    private static Path export(String p, String id) throws IOException {
        int before = c.get(p).path("status").path("export").path("kept").size();
        c.post(p + "/export", "{}");
        JsonNode done = c.awaitStatus(id, s -> s.path("export").path("phase").asText().equals("done")
                && s.path("export").path("kept").size() > before, Duration.ofMinutes(2)).path("export");
        int revision = done.path("revision").asInt();
        Path out = dir.resolve("r" + revision + ".mp4");
        Files.write(out, c.bytes(p + "/export/video?revision=" + revision).body());
        return out;
    }

    /** The plate's letters as grey pixels, frame by frame, cut out by ffmpeg. */
    private static List<Gray> plateGray(Path video) throws IOException {
        Path raw = dir.resolve(video.getFileName() + ".gray");
        Tools.ffmpeg("-i", video.toString(), "-vf", "crop=" + W + ":" + H + ":" + X + ":" + Y + ",format=gray",
                "-f", "rawvideo", raw.toString());
        byte[] bytes = Files.readAllBytes(raw);
        List<Gray> frames = new ArrayList<>();
        for (int f = 0; (f + 1) * W * H <= bytes.length; f++) {
            frames.add(new Gray(W, H, Arrays.copyOfRange(bytes, f * W * H, (f + 1) * W * H)));
        }
        return frames;
    }

    /** The detail of a plate's pixels: what its letters are read by. */
    private static double letters(Gray plate) {
        return plate.detail(0, 0, W, H);
    }
}
