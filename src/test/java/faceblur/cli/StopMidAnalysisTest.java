package faceblur.cli;

import faceblur.testing.Jvm;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import faceblur.testing.ShutdownProbe;
import faceblur.testing.StudioClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * faceblur stopped with SIGTERM (a service manager, Ctrl-C's cousin) while its detectors are running. ONNX
 * Runtime frees its environment in a shutdown hook of its own, which the JVM runs beside faceblur's: a stop that
 * waited for the analysis inside a shutdown hook had the detections run on a freed environment, and the process
 * died with SIGSEGV in libonnxruntime.so (exit code 134, an hs_err_pid*.log in its working directory). That
 * crash needs the freed memory to be reused first, so besides it the test looks at the order itself: a stand-in
 * for ONNX Runtime's hook ({@link ShutdownProbe}) must see no detection running once the JVM's shutdown begins.
 */
class StopMidAnalysisTest {

    private static final int ROUNDS = 2;
    /*
     * glibc fills freed memory with this byte, so that a detection on a freed ONNX Runtime environment reads
     * garbage and crashes at once instead of, some of the time, running on memory that still looks whole.
     */
    private static final Map<String, String> ENVIRONMENT = Map.of("FACEBLUR_STUDIO_TOKEN", "stop",
            "MALLOC_PERTURB_", "165");

    @Test
    void studioStoppedWhileAnalysingExitsCleanly() throws IOException {
        Path video = Media.media("vtest.avi");
        for (int round = 1; round <= ROUNDS; round++) {
            Path cwd = Files.createTempDirectory("faceblur-stop-cwd");
            Path data = Files.createTempDirectory("faceblur-stop-data");
            ServerProcess studio = ServerProcess.in(cwd, ShutdownProbe.class.getName(), "studio", ENVIRONMENT,
                    video.toString(), "--data", data.toString(), "--port", "0", "--threads", "2");
            int exit;
            try {
                StudioClient page = new StudioClient(studio.api().resolve("/"));
                page.signInWith(studio.api());
                String id = page.open(video);
                // vtest.avi has 795 frames: analysis is well under way here and far from done.
                long frames = 20L * round;
                page.awaitStatus(id, s -> s.path("state").asText().equals("analysing")
                        && s.path("progress").path("done").asLong() > frames, Duration.ofMinutes(1));
            } finally {
                exit = studio.terminate();
            }
            assertThat(hsErrFiles(cwd)).as("round %d, log:%n%s", round, studio.log()).isEmpty();
            assertThat(exit).as("round %d exit code, log:%n%s", round, studio.log()).isEqualTo(143);
            assertThat(studio.log()).as("round %d", round).contains(ShutdownProbe.LINE + 0);
        }
    }

    /** A one-shot blur that also runs the text detector, on threads of its own, stopped as Ctrl-C's cousin does. */
    @Test
    void blurStoppedWhileFindingFacesAndTextLeavesNothing() throws Exception {
        Path video = Media.media("vtest.avi");
        Path text = Media.shared().resolve("models/ch_PP-OCRv4_det_infer.onnx");
        for (int round = 1; round <= ROUNDS; round++) {
            Path cwd = Files.createTempDirectory("faceblur-stop-cwd");
            Path out = Files.createTempDirectory("faceblur-stop-out");
            ProcessBuilder pb = Jvm.process(ShutdownProbe.class.getName(), "blur", video.toString(),
                    "-o", out.resolve("blurred.mp4").toString(), "--hide", "faces,text", "--text-model", text.toString(),
                    "--threads", "2");
            pb.environment().put("FACEBLUR_MODEL", Media.model().toString());
            pb.environment().put("MALLOC_PERTURB_", "165");
            pb.directory(cwd.toFile()).redirectErrorStream(true);
            Process blur = pb.start();
            StringBuilder log = new StringBuilder();
            awaitFramesFound(blur.getInputStream(), log, 20 + 10 * round);
            blur.toHandle().destroy(); // SIGTERM, our end of its output left open for its last lines
            assertThat(blur.waitFor(1, TimeUnit.MINUTES)).as("stopped within a minute").isTrue();
            log.append(new String(blur.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertThat(hsErrFiles(cwd)).as("round %d, log:%n%s", round, log).isEmpty();
            assertThat(blur.exitValue()).as("round %d exit code, log:%n%s", round, log).isEqualTo(143);
            assertThat(log).as("round %d", round).contains(ShutdownProbe.LINE + 0);
            try (Stream<Path> left = Files.list(out)) {
                assertThat(left).as("nothing half-written, round %d", round).isEmpty();
            }
        }
    }

    private static final Pattern FOUND = Pattern.compile("finding faces (\\d+)/");
    private static final Pattern BLURRED = Pattern.compile("blurring (\\d+)/");

    /**
     * Stopped with a few seconds of its render left, less than the stop waits for the command: the output it
     * finishes meanwhile is one the user stopped, and must not appear.
     */
    @Test
    void blurStoppedNearTheEndOfItsRenderWritesNothing() throws Exception {
        Path cwd = Files.createTempDirectory("faceblur-stop-cwd");
        Path out = Files.createTempDirectory("faceblur-stop-out");
        ProcessBuilder pb = Jvm.process("faceblur.cli.Main", "blur", Media.media("vtest.avi").toString(),
                "-o", out.resolve("blurred.mp4").toString(), "--threads", "2");
        pb.environment().put("FACEBLUR_MODEL", Media.model().toString());
        pb.directory(cwd.toFile()).redirectErrorStream(true);
        Process blur = pb.start();
        StringBuilder log = new StringBuilder();
        awaitProgress(blur.getInputStream(), log, BLURRED, 600); // of 795 frames
        blur.toHandle().destroy();
        assertThat(blur.waitFor(1, TimeUnit.MINUTES)).as("stopped within a minute").isTrue();
        log.append(new String(blur.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertThat(blur.exitValue()).as("exit code, log:%n%s", log).isEqualTo(143);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).as("no output from a stopped blur, log:%n%s", log).isEmpty();
        }
    }

    /** Reads the progress lines until more than {@code frames} frames were analysed. */
    private static void awaitFramesFound(InputStream output, StringBuilder log, int frames) throws IOException {
        awaitProgress(output, log, FOUND, frames);
    }

    /** Reads the progress lines until {@code progress} counts more than {@code frames} frames. */
    private static void awaitProgress(InputStream output, StringBuilder log, Pattern progress, int frames)
            throws IOException {
        byte[] buffer = new byte[4096];
        for (int n = output.read(buffer); n >= 0; n = output.read(buffer)) {
            log.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            Matcher m = progress.matcher(log);
            int done = 0;
            while (m.find()) {
                done = Integer.parseInt(m.group(1));
            }
            if (done > frames) {
                return;
            }
        }
        throw new AssertionError("blur ended before its progress passed " + frames + " frames:\n" + log);
    }

    private static List<Path> hsErrFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList();
        }
    }
}
