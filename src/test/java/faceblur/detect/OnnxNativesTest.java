package faceblur.detect;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ONNX Runtime's native library comes from faceblur's folder in the user's cache, and a run leaves nothing in
 * the temporary folder (java.io.tmpdir), whether it ends or is killed with SIGKILL in the middle of detecting.
 */
class OnnxNativesTest {

    @TempDir
    Path dir;

    @Test
    void nativesLiveInTheUserCacheAndNothingIsLeftInTheTemporaryFolder() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path output = dir.resolve("out.mp4");

        Cli.Outcome done = Cli.runProcess(blur(tmp, cache, Media.smallClip(), output));
        assertThat(done.exitCode()).as(done.stderr()).isZero();
        Path natives = cache.resolve("faceblur/native/onnxruntime-"
                + ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion());
        assertThat(natives.resolve("libonnxruntime.so")).isRegularFile();
        assertThat(natives.resolve("libonnxruntime4j_jni.so")).isRegularFile();
        assertThat(contents(tmp)).as("left in java.io.tmpdir by a finished run").isEmpty();

        Process killed = blur(tmp, cache, Media.pedestriansGop2s(), dir.resolve("killed.mp4"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // the output's temporary file appears once detection is under way
        await().atMost(120, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> partialOutputIn(dir) || !killed.isAlive());
        Thread.sleep(1000); // time under test: killed after a second of detection, with the natives in use
        assertThat(killed.isAlive()).as("still working when killed").isTrue();
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(contents(tmp)).as("left in java.io.tmpdir by a run killed with SIGKILL").isEmpty();
    }

    private static ProcessBuilder blur(Path tmp, Path cache, Path input, Path output) {
        ProcessBuilder pb = Cli.process(List.of("-Djava.io.tmpdir=" + tmp),
                "blur", input.toString(), "-o", output.toString(), "-q", "--threads", "1");
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().put("TMPDIR", tmp.toString());
        return pb;
    }

    private static boolean partialOutputIn(Path folder) throws IOException {
        return contents(folder).stream().anyMatch(n -> n.endsWith(".partial"));
    }

    private static List<String> contents(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
