package faceblur.video;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same frames and masks encode to the same bytes whatever the process's memory held before: the studio's
 * export, made in a process that has served pages and run analyses, must equal {@code redact --project} run in
 * a fresh one.
 */
class ReproducibleEncodingTest {

    private static final Path INPUT = Media.media("megamind.mp4");

    @TempDir
    Path dir;

    @Test
    void whatMemoryHeldBeforeDoesNotChangeTheOutput() throws IOException {
        Path faces = dir.resolve("faces.json");
        assertThat(Cli.run("detect", INPUT.toString(), "-o", faces.toString(), "-q").exitCode()).isZero();
        List<Path> outputs = new ArrayList<>();
        // glibc fills each new allocation with this byte's complement, as if the memory had held other data.
        for (String earlier : List.of("165", "85")) {
            Path out = dir.resolve("out-" + earlier + ".mp4");
            ProcessBuilder redact = Cli.process(List.of("-Xmx1g"), "redact", INPUT.toString(), "--faces",
                    faces.toString(), "--style", "fill", "-o", out.toString(), "-q");
            redact.environment().put("MALLOC_PERTURB_", earlier);
            Cli.Outcome outcome = Cli.runProcess(redact);
            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            outputs.add(out);
        }
        assertThat(Files.mismatch(outputs.get(0), outputs.get(1))).as("first byte that differs").isEqualTo(-1);
    }
}
