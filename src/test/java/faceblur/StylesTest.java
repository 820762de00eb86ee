package faceblur;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The looks a user can choose, rendered into real video through the YUV planes and read back in RGB by Debian's
 * ffmpeg: the colour conversion is checked by another program than the one that made it. The face is given
 * (a box at a known place on every frame) so the checks know exactly where to look.
 */
class StylesTest {

    /** 320x240 at 10 fps for 1 s; the face box covers x 80-160, y 60-120, scaled by 1.3 to 68-172, 51-129. */
    private static final String FACES = """
            {"Faces":[
             {"Timestamp":0,"Face":{"BoundingBox":{"Left":0.25,"Top":0.25,"Width":0.25,"Height":0.25},"Confidence":87.5},"TrackId":3},
             {"Timestamp":900,"Face":{"BoundingBox":{"Left":0.25,"Top":0.25,"Width":0.25,"Height":0.25},"Confidence":91.0},"TrackId":3}
            ]}""";

    @TempDir
    Path dir;

    private static Path input() {
        return Media.fixture("styles.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10:duration=1",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "10");
    }

    private Path redact(String outputName, String... style) throws IOException {
        Path input = input();
        Path faces = dir.resolve("faces.json");
        Files.writeString(faces, FACES);
        Path out = dir.resolve(outputName);
        List<String> args = new ArrayList<>(List.of("redact", input.toString(), "--faces", faces.toString(), "-o",
                out.toString(), "-q", "--shape", "box"));
        args.addAll(List.of(style));
        Cli.Outcome outcome = Cli.run(args.toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        return out;
    }

    @Test
    void fillPaintsTheChosenColour() throws IOException {
        Path out = redact("orange.mp4", "--style", "fill", "--fill-colour", "#ff8800");
        for (int frame : new int[] {0, 5, 9}) {
            assertColour(pixel(out, frame, 120, 90), 0xff, 0x88, 0x00, 12);
            assertColour(pixel(out, frame, 100, 60), 0xff, 0x88, 0x00, 12);
        }
    }

    @Test
    void aBadColourIsOneLine() {
        Cli.Outcome outcome = Cli.run("redact", "in.mp4", "--faces", "f.json", "--style", "fill", "--fill-colour", "orangey");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().strip()).contains("#rrggbb").doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void aWatchRuleTakesTheSameOptionsAndRefusesWhatDoesNotHide() {
        for (String options : List.of("style=outline", "style=fill,colour=red", "pixel-blocks=2", "shape")) {
            Cli.Outcome outcome = Cli.run("serve", "--port", "0", "--s3-port", "0", "--watch", "s3://upl/in", "--to",
                    "s3://pub/out", "--rule-options", options);
            assertThat(outcome.exitCode()).as(options).isEqualTo(2);
            assertThat(outcome.stderr().strip()).as(options).startsWith("faceblur: --rule-options " + options)
                    .doesNotContain("\tat ").hasLineCount(1);
        }
    }

    /**
     * Outline hides nothing: the inside of the mask keeps the picture; its edge is green on the frames where the
     * detector saw the face (0 and 9, the given samples' frames) and yellow where the tracker carries it.
     */
    @Test
    void outlineMarksSeenAndCarriedFacesAndHidesNothing() throws IOException {
        Path out = redact("outline.mp4", "--style", "outline");
        int[] inside = pixel(out, 5, 120, 90);
        int[] reference = pixel(input(), 5, 120, 90);
        assertColour(inside, reference[0], reference[1], reference[2], 10);
        assertColour(pixel(out, 0, 68, 90), 0, 255, 0, 60);
        assertColour(pixel(out, 5, 68, 90), 255, 220, 0, 60);
    }

    /** A photo takes the outline too: faces marked with their scores, the picture otherwise as it was. */
    @Test
    void outlineOnAPhotoMarksFacesAndKeepsThePicture() {
        Path out = dir.resolve("outlined.png");
        Cli.Outcome outcome = Cli.run("blur", Media.media("messi5.jpg").toString(), "-o", out.toString(), "-q",
                "--style", "outline");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        // Decoded by ffmpeg: thin lines change a few per cent of the picture, a blur of 23 faces far more.
        faceblur.testing.Gray before = Tools.grayFrame(Media.media("messi5.jpg"), 0);
        faceblur.testing.Gray after = Tools.grayFrame(out, 0);
        int changed = 0;
        for (int y = 0; y < before.height(); y++) {
            for (int x = 0; x < before.width(); x++) {
                changed += Math.abs(before.at(x, y) - after.at(x, y)) > 40 ? 1 : 0;
            }
        }
        double changedShare = changed / (double) (before.width() * before.height());
        assertThat(changedShare).isBetween(0.001, 0.06);
    }

    private static void assertColour(int[] rgb, int r, int g, int b, int tolerance) {
        assertThat(Math.abs(rgb[0] - r) + Math.abs(rgb[1] - g) + Math.abs(rgb[2] - b))
                .as("rgb(%d, %d, %d) against rgb(%d, %d, %d)", rgb[0], rgb[1], rgb[2], r, g, b)
                .isLessThanOrEqualTo(tolerance * 3);
    }

    /** The RGB colour of one pixel of frame {@code n}, as ffmpeg decodes and converts it. */
    private static int[] pixel(Path video, int n, int x, int y) {
        Tools.Result r = Tools.run(List.of("ffmpeg", "-v", "error", "-i", video.toString(), "-vf",
                "select=eq(n\\," + n + ")", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"), null);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        int width = Integer.parseInt(Tools.stream("v:0", "width", video));
        int at = (y * width + x) * 3;
        return new int[] {r.stdout()[at] & 0xFF, r.stdout()[at + 1] & 0xFF, r.stdout()[at + 2] & 0xFF};
    }
}
