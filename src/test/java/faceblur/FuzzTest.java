package faceblur;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged and truncated videos, made deterministically with Debian's zzuf (fixed seeds and byte-flip ratios)
 * and by cutting, from small clips of megamind.mp4 with sound in MP4, MOV and MKV. The rule for each: exit 0
 * with a whole, playable output (ffprobe decodes more than 0 frames), or exit 2 with one line naming the file;
 * never a crash, a hang, a stack trace, a JVM error file or a leftover temporary file. Most variants go through
 * one faceblur process as a batch (whose summary must name each failure in one line), a few through a process
 * each.
 */
class FuzzTest {

    private static final double[] RATIOS = {0.0001, 0.001, 0.004, 0.01};
    private static final int SEEDS = 20;
    private static final int[] CUT_PERCENT = {5, 20, 35, 50, 65, 80, 95, 99};
    private static final int ALONE_EVERY = 25;

    @TempDir
    Path dir;

    @Test
    void damagedInputsAreBlurredOrRefusedInOneLine() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        List<Path> variants = new ArrayList<>();
        for (Path clip : clips()) {
            String ext = clip.getFileName().toString().substring(clip.getFileName().toString().lastIndexOf('.') + 1);
            for (double ratio : RATIOS) {
                for (int seed = 1; seed <= SEEDS; seed++) {
                    Path variant = in.resolve(ext + "-r" + ratio + "-s" + seed + "." + ext);
                    zzuf(clip, variant, seed, ratio);
                    variants.add(variant);
                }
            }
            byte[] whole = Files.readAllBytes(clip);
            for (int percent : CUT_PERCENT) {
                Path variant = in.resolve(ext + "-cut" + percent + "." + ext);
                Files.write(variant, java.util.Arrays.copyOf(whole, whole.length * percent / 100));
                variants.add(variant);
            }
        }

        Path out = Files.createDirectories(dir.resolve("out"));
        Run batch = run(Cli.process(List.of("-Xmx1g"), "blur", in.toString(), "--out-dir", out.toString(), "-q",
                "--threads", "1"), 150);
        assertThat(batch.exitCode()).as(batch.stderr()).isIn(0, 2);
        assertClean(batch.stderr());
        List<String> summary = batch.stderr().lines().filter(l -> l.startsWith("  ")).toList();
        Map<String, Integer> reasons = new TreeMap<>();
        int ok = 0;
        for (Path variant : variants) {
            List<String> named = summary.stream().filter(l -> l.startsWith("  " + variant + ": ")).toList();
            Path output = outputOf(out, variant);
            if (output != null) {
                assertThat(named).as(variant + " was written and also named as failed").isEmpty();
                assertPlayable(output);
                ok++;
            } else {
                assertThat(named).as(variant + ": no output, so the summary names it once\n" + batch.stderr()).hasSize(1);
                reasons.merge(reason(named.get(0)), 1, Integer::sum);
            }
        }
        assertThat(summary).hasSize(variants.size() - ok);
        assertNothingLeft(out);

        // A few alone, as a user runs one file: exit 0 with an output, or exit 2 with one line and none.
        int aloneOk = 0;
        int aloneRefused = 0;
        for (int i = 0; i < variants.size(); i += ALONE_EVERY) {
            Path variant = variants.get(i);
            Path own = Files.createDirectories(dir.resolve("alone-" + i));
            Run alone = run(Cli.process(List.of("-Xmx1g"), "blur", variant.toString(), "--out-dir", own.toString(),
                    "-q", "--threads", "1"), 60);
            assertClean(alone.stderr());
            Path output = outputOf(own, variant);
            if (alone.exitCode() == 0) {
                assertThat(output).as(variant + " exit 0 without output").isNotNull();
                assertPlayable(output);
                aloneOk++;
            } else {
                assertThat(alone.exitCode()).as(alone.stderr()).isEqualTo(2);
                assertThat(alone.stderr().lines().toList()).as(variant.toString()).hasSize(1);
                assertThat(alone.stderr()).startsWith("faceblur: " + variant + ": ");
                assertThat(output).isNull();
                aloneRefused++;
            }
            assertNothingLeft(own);
        }
        System.out.printf("FuzzTest: %d variants in one batch: %d blurred, %d refused%n", variants.size(), ok,
                variants.size() - ok);
        reasons.forEach((reason, n) -> System.out.printf("  %4d %s%n", n, reason));
        System.out.printf("FuzzTest: %d alone: %d blurred, %d refused%n", aloneOk + aloneRefused, aloneOk, aloneRefused);
        assertThat(ok).as("some variants are still videos").isPositive();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
    }

    private static List<Path> clips() {
        return List.of(Media.megamindClip("mp4"), Media.megamindClip("mov"), Media.megamindClip("mkv"));
    }

    private static void zzuf(Path clip, Path variant, int seed, double ratio) throws Exception {
        Process p = new ProcessBuilder("zzuf", "-s", Integer.toString(seed), "-r", Double.toString(ratio))
                .redirectInput(clip.toFile()).redirectOutput(variant.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("zzuf " + variant).isTrue();
    }

    private record Run(int exitCode, String stderr) {
    }

    /** Runs faceblur in {@link #dir} (where a JVM would leave its hs_err file); a hang fails the test. */
    private Run run(ProcessBuilder faceblur, int timeoutSeconds) throws Exception {
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = faceblur.directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("faceblur hung (over " + timeoutSeconds + " s): " + faceblur.command());
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        return new Run(p.exitValue(), stderr);
    }

    private static void assertClean(String stderr) {
        assertThat(stderr).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error")
                .doesNotContain(".partial");
    }

    private static Path outputOf(Path folder, Path variant) throws IOException {
        String name = variant.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.')) + "_blurred.";
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(stem)).findFirst().orElse(null);
        }
    }

    /**
     * FFmpeg decodes the output's video to more than 0 frames. Video only: audio is copied bit for bit, so an
     * input whose audio header was damaged has an output whose audio FFmpeg cannot open either.
     */
    private static void assertPlayable(Path output) {
        Tools.Result decoded = Tools.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", output.toString(),
                "-map", "0:v:0", "-f", "framemd5", "-"), null);
        assertThat(decoded.exitCode()).as(output + ": " + decoded.stderr()).isZero();
        assertThat(decoded.out().lines().filter(l -> !l.startsWith("#"))).as(output.toString()).isNotEmpty();
    }

    private static void assertNothingLeft(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    /** The reason of a summary line, without the file's name and FFmpeg's numbers. */
    private static String reason(String line) {
        String reason = line.substring(line.indexOf(": ", 2) + 2);
        return reason.replaceAll("\\(-?\\d+\\)", "").replaceAll("\\d+", "N");
    }
}
