package faceblur;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged and truncated videos, made deterministically with Debian's zzuf (fixed seeds and byte-flip ratios)
 * and by cutting, from short clips of megamind.mp4 with sound in MP4, MOV, MKV and AVI (MPEG-4 with MP3): 1,024
 * variants. The rule for each: exit 0 with a whole, playable output (FFmpeg decodes more than 0 frames), or exit 2
 * with one line naming the file; never a crash, a hang, a stack trace, a JVM error file or a leftover temporary
 * file. Crashes, traces and leftovers are counted before any is asserted. The variants go through two faceblur
 * batch processes side by side (whose summaries must name each failure in one line), a few through a process
 * each.
 */
class FuzzTest {

    private static final double[] RATIOS = {0.0001, 0.001, 0.004, 0.01};
    /** 4 formats x 4 ratios x 62 seeds + 32 cuts: 1,024 variants. */
    private static final int SEEDS = 62;
    private static final int[] CUT_PERCENT = {5, 20, 35, 50, 65, 80, 95, 99};
    private static final int ALONE_EVERY = 256;
    /** Batch processes run side by side, each on its share of the variants: the machine has two cores. */
    private static final int BATCHES = 2;

    @TempDir
    Path dir;

    @Test
    void damagedInputsAreBlurredOrRefusedInOneLine() throws Exception {
        long made = System.nanoTime();
        Path in = Files.createDirectories(dir.resolve("in"));
        List<Path> variants = new ArrayList<>();
        for (Path clip : clips()) {
            String ext = clip.getFileName().toString().substring(clip.getFileName().toString().lastIndexOf('.') + 1);
            List<Path> damaged = new ArrayList<>();
            for (double ratio : RATIOS) {
                for (int seed = 1; seed <= SEEDS; seed++) {
                    Path variant = in.resolve(ext + "-r" + ratio + "-s" + seed + "." + ext);
                    damaged.add(variant);
                    variants.add(variant);
                }
            }
            // A zzuf process each, a few at a time: one after another they took 90 s of the run.
            damaged.parallelStream().forEach(variant -> zzuf(clip, variant));
            byte[] whole = Files.readAllBytes(clip);
            for (int percent : CUT_PERCENT) {
                Path variant = in.resolve(ext + "-cut" + percent + "." + ext);
                Files.write(variant, java.util.Arrays.copyOf(whole, whole.length * percent / 100));
                variants.add(variant);
            }
        }

        System.out.printf("FuzzTest: %d variants made in %d s%n", variants.size(),
                (System.nanoTime() - made) / 1_000_000_000L);
        Path out = Files.createDirectories(dir.resolve("out"));
        List<ProcessBuilder> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            Path share = Files.createDirectories(dir.resolve("in-" + b));
            for (int i = b; i < variants.size(); i += BATCHES) {
                Files.move(variants.get(i), share.resolve(variants.get(i).getFileName()));
                variants.set(i, share.resolve(variants.get(i).getFileName()));
            }
            batches.add(Cli.process(List.of("-Xmx1g"), "blur", share.toString(), "--out-dir", out.toString(), "-q",
                    "--threads", "1"));
        }
        long started = System.nanoTime();
        List<Run> runs = runAll(batches, 240);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        // Counted first, so that a failure says how many of each, not only the first.
        long crashes = runs.stream().filter(r -> r.exitCode() != 0 && r.exitCode() != 2).count();
        long traces = runs.stream().filter(r -> !isClean(r.stderr())).count();
        long leftovers = leftovers(out);
        System.out.printf("FuzzTest: %d variants in %d batches took %d s: %d crashed, %d printed a trace, "
                + "%d temporary files left%n", variants.size(), BATCHES, seconds, crashes, traces, leftovers);
        assertThat(crashes).as(runs.toString()).isZero();
        assertThat(traces).as(runs.toString()).isZero();
        assertThat(leftovers).isZero();
        String stderr = String.join("\n", runs.stream().map(Run::stderr).toList());
        List<String> summary = stderr.lines().filter(l -> l.startsWith("  ")).toList();
        Map<String, Integer> reasons = new TreeMap<>();
        int ok = 0;
        List<Path> written = new ArrayList<>();
        for (Path variant : variants) {
            List<String> named = summary.stream().filter(l -> l.startsWith("  " + variant + ": ")).toList();
            Path output = outputOf(out, variant);
            if (output != null) {
                assertThat(named).as(variant + " was written and also named as failed").isEmpty();
                written.add(output);
                ok++;
            } else {
                assertThat(named).as(variant + ": no output, so the summary names it once\n" + stderr).hasSize(1);
                reasons.merge(reason(named.get(0)), 1, Integer::sum);
            }
        }
        assertThat(summary).hasSize(variants.size() - ok);
        // Every output decodes; all checked, four FFmpeg processes at a time, before saying which do not.
        ExecutorService checkers = Executors.newFixedThreadPool(4);
        List<String> unplayable = new ArrayList<>();
        try {
            for (Future<String> check : checkers.invokeAll(written.stream()
                    .map(o -> (Callable<String>) () -> unplayable(o)).toList())) {
                if (check.get() != null) {
                    unplayable.add(check.get());
                }
            }
        } finally {
            checkers.shutdown();
        }
        assertThat(unplayable).as("outputs written with exit 0 that FFmpeg cannot decode").isEmpty();

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
            assertThat(leftovers(own)).isZero();
        }
        System.out.printf("FuzzTest: %d variants in one batch: %d blurred, %d refused%n", variants.size(), ok,
                variants.size() - ok);
        reasons.forEach((reason, n) -> System.out.printf("  %4d %s%n", n, reason));
        System.out.printf("FuzzTest: %d alone: %d blurred, %d refused%n", aloneOk + aloneRefused, aloneOk, aloneRefused);
        System.out.printf("FuzzTest: %d s in all%n", (System.nanoTime() - made) / 1_000_000_000L);
        assertThat(ok).as("some variants are still videos").isPositive();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
    }

    /**
     * Short clips (0.6 s of megamind.mp4 at 96 px wide, with its sound) so that a thousand variants fit a CI run:
     * H.264 with AAC in MP4 and MOV, with Vorbis in MKV, and MPEG-4 part 2 with MP3 in AVI (the mix whose
     * damage once made FFmpeg's converter free its context twice).
     */
    private static List<Path> clips() {
        List<Path> clips = new ArrayList<>();
        for (String ext : List.of("mp4", "mov", "mkv", "avi")) {
            boolean avi = ext.equals("avi");
            clips.add(Media.fixture("fuzz-0.6s." + ext, "-i", Media.media("megamind.mp4").toString(), "-t", "0.6",
                    "-vf", "scale=96:-2", "-c:v", avi ? "mpeg4" : "libx264", "-preset", "veryfast",
                    "-c:a", avi ? "libmp3lame" : ext.equals("mkv") ? "libvorbis" : "aac"));
        }
        return clips;
    }

    /** {@code variant}'s name says its ratio and seed ("mp4-r0.001-s7.mp4"). */
    private static void zzuf(Path clip, Path variant) {
        String name = variant.getFileName().toString();
        String ratio = name.substring(name.indexOf("-r") + 2, name.indexOf("-s"));
        String seed = name.substring(name.indexOf("-s") + 2, name.lastIndexOf('.'));
        try {
            Process p = new ProcessBuilder("zzuf", "-s", seed, "-r", ratio)
                    .redirectInput(clip.toFile()).redirectOutput(variant.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("zzuf " + variant).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        assertThat(isClean(stderr)).as(stderr).isTrue();
    }

    private static boolean isClean(String stderr) {
        return !stderr.contains("\tat ") && !stderr.contains("Exception") && !stderr.contains("internal error")
                && !stderr.contains(".partial");
    }

    /** Starts every process at once and waits for all; a hang fails the test. */
    private List<Run> runAll(List<ProcessBuilder> processes, int timeoutSeconds) throws Exception {
        List<Process> started = new ArrayList<>();
        List<Path> errs = new ArrayList<>();
        for (ProcessBuilder pb : processes) {
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            errs.add(err);
            started.add(pb.directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start());
        }
        List<Run> runs = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int i = 0; i < started.size(); i++) {
            Process p = started.get(i);
            if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                started.forEach(Process::destroyForcibly);
                throw new AssertionError("faceblur hung (over " + timeoutSeconds + " s): " + processes.get(i).command());
            }
            runs.add(new Run(p.exitValue(), Files.readString(errs.get(i), StandardCharsets.UTF_8)));
            Files.delete(errs.get(i));
        }
        return runs;
    }

    private static long leftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")
                    || f.getFileName().toString().endsWith(".partial")).count();
        }
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
        assertThat(unplayable(output)).isNull();
    }

    /** Why FFmpeg cannot decode the output's video to at least one frame, or null when it can. */
    private static String unplayable(Path output) {
        Tools.Result decoded = Tools.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", output.toString(),
                "-map", "0:v:0", "-f", "framemd5", "-"), null);
        if (decoded.exitCode() != 0) {
            return output + ": " + decoded.stderr();
        }
        return decoded.out().lines().anyMatch(l -> !l.startsWith("#")) ? null : output + ": no frame decodes";
    }

    /** The reason of a summary line, without the file's name and FFmpeg's numbers. */
    private static String reason(String line) {
        String reason = line.substring(line.indexOf(": ", 2) + 2);
        return reason.replaceAll("\\(-?\\d+\\)", "").replaceAll("\\d+", "N");
    }
}
