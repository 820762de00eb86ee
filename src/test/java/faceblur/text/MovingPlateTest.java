package faceblur.text;

import faceblur.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A moving plate: a camera pan over a marked car photo made with ffmpeg, blurred with --hide faces,text, and
 * the plate's characters cut out of every frame of both videos by ffmpeg along the same path, independently of
 * faceblur: on every frame the blurred plate must have lost most of its detail.
 */
class MovingPlateTest {

    @TempDir
    Path dir;

    /** 2 s at 25 fps: a 640x360 window moving 4 px right and 1 px down a frame over eu1.jpg. */
    static final int FRAMES = 50;
    static final String PAN = "crop=640:360:x='100+4*n':y='200+n'";
    /**
     * The inner 80 % of eu1's marked plate (396, 340, 203 x 46) in the window's coordinates at frame n: the
     * window moves right and down, so the plate moves left and up.
     */
    static final int W = 162;
    static final int H = 36;
    static final String PLATE = "crop=" + W + ":" + H + ":x='316-4*n':y='145-n'";

    /** The pan over eu1.jpg, made by ffmpeg in {@code dir}; {@code encoder} adds libx264 options (-g 12). */
    static Path pannedPlate(Path dir, String... encoder) throws IOException, InterruptedException {
        Path pan = dir.resolve("pan.mp4");
        List<String> args = new ArrayList<>(List.of("-loop", "1", "-i",
                PlateHidingTest.PLATES.resolve("eu1.jpg").toString(), "-vf", PAN + ",format=yuv420p",
                "-frames:v", String.valueOf(FRAMES), "-r", "25", "-c:v", "libx264", "-crf", "18"));
        args.addAll(List.of(encoder));
        args.add(pan.toString());
        ffmpeg(args.toArray(String[]::new));
        return pan;
    }

    @Test
    void aPannedPlateIsHiddenOnEveryFrame() throws Exception {
        Path pan = pannedPlate(dir);
        Path blurred = dir.resolve("blurred.mp4");
        Cli.Outcome outcome = Cli.run("blur", pan.toString(), "--hide", "faces,text", "--text-model",
                TextDetectorTest.model().toString(), "-o", blurred.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();

        assertPlateHiddenOnEveryFrame(dir, pan, blurred);
    }

    /** On every frame of {@code blurred}, the plate has lost most of the detail it has in {@code pan}. */
    static void assertPlateHiddenOnEveryFrame(Path dir, Path pan, Path blurred) throws Exception {
        List<Double> before = plateDetail(dir, pan);
        List<Double> after = plateDetail(dir, blurred);
        assertThat(before).hasSize(FRAMES);
        assertThat(after).hasSize(FRAMES);
        double worst = 0;
        for (int n = 0; n < FRAMES; n++) {
            worst = Math.max(worst, after.get(n) / before.get(n));
        }
        System.out.printf("%s: plate detail at most %.3f of the source's on %d frames%n", blurred.getFileName(),
                worst, FRAMES);
        for (int n = 0; n < FRAMES; n++) {
            assertThat(before.get(n)).as("the plate has detail to lose on frame %d", n).isGreaterThan(10);
            assertThat(after.get(n)).as("plate detail on frame %d: %.1f before, %.1f after", n, before.get(n), after.get(n))
                    .isLessThan(0.35 * before.get(n));
        }
    }

    /** The plate's characters on each frame, cut out by ffmpeg as grey pixels; their mean absolute Laplacian. */
    private static List<Double> plateDetail(Path dir, Path video) throws IOException, InterruptedException {
        Path raw = dir.resolve(video.getFileName() + ".gray");
        ffmpeg("-i", video.toString(), "-vf", PLATE + ",format=gray", "-f", "rawvideo", raw.toString());
        byte[] bytes = Files.readAllBytes(raw);
        List<Double> detail = new ArrayList<>();
        for (int f = 0; (f + 1) * W * H <= bytes.length; f++) {
            int base = f * W * H;
            double sum = 0;
            for (int y = 1; y < H - 1; y++) {
                for (int x = 1; x < W - 1; x++) {
                    int i = base + y * W + x;
                    int lap = 4 * (bytes[i] & 0xff) - (bytes[i - 1] & 0xff) - (bytes[i + 1] & 0xff)
                            - (bytes[i - W] & 0xff) - (bytes[i + W] & 0xff);
                    sum += Math.abs(lap);
                }
            }
            detail.add(sum / ((W - 2) * (H - 2)));
        }
        return detail;
    }

    static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    }
}
