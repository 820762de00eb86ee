package faceblur.engine;

import faceblur.testing.Cli;
import faceblur.testing.Jvm;
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

/** What a killed run leaves beside its output is removed by the next run that writes it, and nothing else is. */
class AtomicOutputTest {

    @TempDir
    Path dir;

    private static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.pid();
    }

    @Test
    void temporaryFilesOfDeadProcessesGoOthersStay() throws Exception {
        Path target = dir.resolve("out.mp4");
        Path dead = Files.createFile(dir.resolve(".out.mp4." + deadPid() + "-k1.partial"));
        Path alive = Files.createFile(dir.resolve(".out.mp4." + ProcessHandle.current().pid() + "-k2.partial"));
        Path unnamed = Files.createFile(dir.resolve(".out.mp4.k3.partial"));
        Path otherOutput = Files.createFile(dir.resolve(".other.mp4." + deadPid() + "-k4.partial"));
        try (AtomicOutput output = AtomicOutput.create(target, false)) {
            assertThat(output.temporary().getFileName().toString())
                    .startsWith(".out.mp4." + ProcessHandle.current().pid() + "-").endsWith(".partial");
        }
        assertThat(dead).doesNotExist();
        assertThat(alive).exists();
        assertThat(unnamed).exists();
        assertThat(otherOutput).exists();
    }

    @Test
    void aBlurKilledWithSigkillLeavesNothingAfterTheNextRun() throws Exception {
        Path input = Media.pedestriansGop2s();
        Path output = dir.resolve("street_blurred.mp4");
        Process blur = Jvm.process("faceblur.cli.Main", "blur", input.toString(),
                "-o", output.toString(), "-q", "--model", Media.model().toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(120, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> !partials().isEmpty() || !blur.isAlive());
        blur.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(partials()).as("what SIGKILL left").hasSize(1);
        assertThat(output).doesNotExist();

        Cli.Outcome again = Cli.run("blur", input.toString(), "-o", output.toString(), "-q", "--detect-every", "4");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(output).exists();
        assertThat(partials()).isEmpty();
    }

    private List<String> partials() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".partial")).toList();
        }
    }
}
