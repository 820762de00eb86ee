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

    /** Two streams of different sizes one after the other (an MPEG-TS can): the message names the file. */
    private Path sizeChangingTs() throws java.io.IOException {
        Path first = Media.fixture("size-160.ts", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1",
                "-c:v", "libx264", "-pix_fmt", "yuv420p");
        Path second = Media.fixture("size-176.ts", "-f", "lavfi", "-i", "testsrc=size=176x144:rate=10:duration=1",
                "-c:v", "libx264", "-pix_fmt", "yuv420p");
        Path joined = dir.resolve("changing.ts");
        java.nio.file.Files.write(joined, java.nio.file.Files.readAllBytes(first));
        java.nio.file.Files.write(joined, java.nio.file.Files.readAllBytes(second), java.nio.file.StandardOpenOption.APPEND);
        return joined;
    }

    @Test
    void aSizeChangeMidStreamNamesTheFile() throws Exception {
        Path input = sizeChangingTs();
        Cli.Outcome outcome = Cli.run("blur", input.toString(), "-o", dir.resolve("out.mp4").toString(), "-q");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).containsExactly("faceblur: " + input
                + ": the picture size changes mid-stream (176x144 after 160x120): not supported");
    }

    /**
     * An output type faceblur does not write is refused before the input is decoded: given an input whose
     * decoding fails half way, the one line is about the output, not the input.
     */
    @Test
    void anOutputTypeWeDoNotWriteIsRefusedBeforeDecoding() throws Exception {
        Path input = sizeChangingTs();
        Path avi = dir.resolve("out.avi");
        Cli.Outcome outcome = Cli.run("blur", input.toString(), "-o", avi.toString(), "-q");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).containsExactly("faceblur: " + avi
                + ": unsupported output type; name it .mp4, .mov or .mkv");
        assertThat(avi).doesNotExist();
    }
}
