package faceblur;

import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged {@code ./faceblur} launcher, each run in its own JVM, as a user runs it. */
class LauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    @TempDir
    Path dir;

    private static Tools.Result faceblur(String... args) {
        List<String> cmd = new ArrayList<>(List.of("./faceblur"));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, ROOT);
    }

    @Test
    void badInputGetsOneLineAndExitCode2() throws IOException {
        Path notVideo = Files.writeString(dir.resolve("x.mov"), "nope");
        Tools.Result r = faceblur("blur", notVideo.toString(), "--model", Media.model().toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip().lines().toList()).hasSize(1);
        assertThat(r.stderr()).contains(notVideo.toString()).contains("not a video file").doesNotContain("\tat ");
    }

    @Test
    void helpTeachesAndVersionAnswers() {
        Tools.Result help = faceblur("blur", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--style").contains("--mask-scale").contains("--faces-json")
                .contains("Examples");
        // every command's help renders cleanly (picocli warns on stray format characters such as a bare %)
        for (String command : new String[]{"blur", "detect", "redact", "serve", "worker", "eval"}) {
            Tools.Result each = faceblur(command, "--help");
            assertThat(each.exitCode()).as(command).isZero();
            assertThat(each.out() + each.stderr()).as(command).doesNotContain("WARN").contains("Usage: faceblur");
        }
        Tools.Result version = faceblur("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("faceblur ");
    }

    @Test
    void offlineWithoutModelSaysWhereToPutIt() throws IOException {
        Path input = Media.smallClip();
        ProcessBuilder pb = new ProcessBuilder("./faceblur", "blur", input.toString(), "-o",
                dir.resolve("o.mp4").toString()).directory(ROOT.toFile());
        pb.environment().remove("FACEBLUR_MODEL");
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        // A dead proxy makes sure the download fails even on a machine with internet.
        pb.environment().put("FACEBLUR_JAVA_OPTS", "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=9");
        Tools.Result r = Tools.run(pb);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("yunet_n_dynamic.onnx").contains(dir.resolve("cache").toString())
                .contains("FACEBLUR_MODEL");
        assertThat(dir.resolve("o.mp4")).doesNotExist();
    }

    /**
     * The first blur after a build leaves a class-data-sharing archive (and no partial one), and the next run
     * loads faceblur's classes from it: Java says so for each class it maps from a dynamic archive.
     */
    @Test
    void firstBlurLeavesAClassArchiveTheNextRunUses() throws IOException {
        Path archive = ROOT.resolve("target/faceblur.jsa");
        Files.deleteIfExists(archive);
        Path picture = dir.resolve("p.png");
        Tools.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", picture.toString());
        Tools.Result first = faceblur("blur", picture.toString(), "-o", dir.resolve("a.png").toString(), "-q",
                "--model", Media.model().toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(archive).isRegularFile();
        try (var files = Files.list(archive.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
        ProcessBuilder pb = new ProcessBuilder("./faceblur", "blur", picture.toString(), "-o",
                dir.resolve("b.png").toString(), "-q", "--model", Media.model().toString()).directory(ROOT.toFile());
        pb.environment().put("FACEBLUR_JAVA_OPTS", "-Xlog:class+load=info");
        Tools.Result second = Tools.run(pb);
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.out()).containsPattern("faceblur\\.cli\\.Main source: shared objects file \\(top\\)");
    }

    /** Stopped half-way (SIGTERM, as Ctrl-C or a service manager would): no output and no leftovers. */
    @Test
    void stoppedRunLeavesNothingBehind() throws Exception {
        Path input = Files.copy(fortySecondClip(), dir.resolve("m.mp4"));
        Process p = new ProcessBuilder("./faceblur", "blur", input.toString(), "--model", Media.model().toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.readString(dir.resolve("log.txt")).contains("finding faces") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(dir.resolve("log.txt"))).contains("finding faces");
        p.destroy();
        p.waitFor();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("m.mp4", "log.txt");
        }
    }

    /**
     * Peak memory (resident set, by /usr/bin/time) for a video four times as long grows by less than a
     * tenth: frames are freed as they go. Prints both figures.
     */
    @Test
    void memoryDoesNotGrowWithLength() {
        Path shortClip = Media.fixture("len10.mp4", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=10",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        Path longClip = fortySecondClip();
        long shortPeak = peakKb(shortClip);
        long longPeak = peakKb(longClip);
        System.out.printf("peak RSS: 10 s clip %d MB, 40 s clip %d MB%n", shortPeak / 1024, longPeak / 1024);
        assertThat(longPeak).isLessThan(shortPeak + shortPeak / 10);
    }

    private static Path fortySecondClip() {
        return Media.fixture("len40.mp4", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=40",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
    }

    private long peakKb(Path input) {
        Path out = dir.resolve(input.getFileName() + ".out.mp4");
        Tools.Result r = Tools.run(List.of("/usr/bin/time", "-v", "./faceblur", "blur", input.toString(), "-o",
                out.toString(), "-q", "--preset", "ultrafast", "--model", Media.model().toString()), ROOT);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Matcher m = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)").matcher(r.stderr());
        assertThat(m.find()).as(r.stderr()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
