package faceblur.cli;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages name the file and the true cause; a whole file is not called damaged. */
class InputMessagesTest {

    @TempDir
    Path dir;

    /** A FIFO and /dev/zero are not files to blur (they were "empty (0 bytes)"; /dev/zero as a photo never ends). */
    @Test
    void fifoAndDeviceAreNotRegularFiles() throws Exception {
        Path fifo = dir.resolve("pipe.mp4");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        for (String input : List.of(fifo.toString(), "/dev/zero")) {
            Cli.Outcome outcome = Cli.run("blur", input, "-o", dir.resolve("out.mp4").toString(), "-q");
            assertThat(outcome.exitCode()).isEqualTo(2);
            assertThat(outcome.stderr().lines().toList()).containsExactly("faceblur: " + input + ": not a regular file");
        }
    }

    /**
     * FFmpeg's AVI muxer writes an empty chunk to keep the rate and counts it in the header: a clean AVI made
     * by ffmpeg declares one frame more than it holds. That is not damage, and --strict takes it.
     */
    @Test
    void cleanFfmpegAviIsNotDamaged() {
        Path avi = Media.fixture("megamind-2s-default.avi", "-i", Media.media("megamind.mp4").toString(), "-t", "2",
                "-vf", "scale=160:-2");
        assertThat(Tools.stream("v:0", "nb_frames", avi)).as("the header counts the padding")
                .isNotEqualTo(Integer.toString(Tools.frameTimes(avi).size()));
        Cli.Outcome outcome = Cli.run("blur", avi.toString(), "-o", dir.resolve("out.mp4").toString(), "-q", "--strict");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stderr()).doesNotContain("damaged");
    }
}
