package faceblur.cli;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PCM audio from the command line. FFmpeg 8 offers to put PCM in MP4 (ISO 23003-5 'ipcm'), then could not
 * complete such a file for stereo 48 kHz copied from MKV or AVI ("cannot complete the output file (Invalid
 * argument); the input may be damaged"), and older readers misread the ones it wrote. PCM goes to Matroska, whole.
 */
class PcmAudioTest {

    @TempDir
    Path dir;

    private static Path withPcm(String codec, String extension) {
        return Media.fixture("pcm-" + codec + "." + extension, "-f", "lavfi",
                "-i", "testsrc=size=160x120:rate=25:duration=2", "-f", "lavfi", "-i", "sine=duration=2:sample_rate=48000",
                "-ac", "2", "-c:v", extension.equals("avi") ? "mpeg4" : "mjpeg", "-c:a", codec);
    }

    @Test
    void pcmInMkvAndAviComesOutAsMatroskaWithEverySampleKept() throws Exception {
        String[][] inputs = {{"pcm_s16le", "mkv"}, {"pcm_s16le", "avi"}, {"pcm_s24le", "avi"}, {"pcm_f32le", "mkv"}};
        for (String[] codecAndType : inputs) {
            Path input = Files.copy(withPcm(codecAndType[0], codecAndType[1]),
                    dir.resolve(codecAndType[0] + "." + codecAndType[1]));
            Cli.Outcome outcome = Cli.run("blur", input.toString(), "-q");
            assertThat(outcome.exitCode()).as(input + ": " + outcome.stderr()).isZero();
            Path output = dir.resolve(codecAndType[0] + "_blurred.mkv");
            assertThat(Tools.stream("a:0", "codec_name", output)).isEqualTo(codecAndType[0]);
            assertThat(Tools.packetHash(output, "a:0")).as(input.toString()).isEqualTo(Tools.packetHash(input, "a:0"));

            Path named = dir.resolve(codecAndType[0] + "-" + codecAndType[1] + "-named.mkv");
            Cli.Outcome toMkv = Cli.run("blur", input.toString(), "-o", named.toString(), "-q");
            assertThat(toMkv.exitCode()).as(toMkv.stderr()).isZero();
            assertThat(Tools.packetHash(named, "a:0")).isEqualTo(Tools.packetHash(input, "a:0"));
            Files.delete(output);
        }
    }

    /** Asked for a container that cannot hold the audio: one line, sending the user to one that can. */
    @Test
    void aContainerThatCannotHoldTheAudioNamesOneThatCan() {
        Path pcm = withPcm("pcm_s16le", "mkv");
        Cli.Outcome toMp4 = Cli.run("blur", pcm.toString(), "-o", dir.resolve("x.mp4").toString(), "-q");
        assertThat(toMp4.exitCode()).isEqualTo(2);
        assertThat(toMp4.stderr().lines().toList()).singleElement().asString()
                .contains("cannot hold the audio (pcm_s16le)").endsWith("name the output .mkv");

        Path mulaw = withPcm("pcm_mulaw", "avi");
        Cli.Outcome toMkv = Cli.run("blur", mulaw.toString(), "-o", dir.resolve("x.mkv").toString(), "-q");
        assertThat(toMkv.exitCode()).isEqualTo(2);
        assertThat(toMkv.stderr().lines().toList()).singleElement().asString()
                .contains("a .mkv file cannot hold the audio (pcm_mulaw)").endsWith("name the output .mov");
        assertThat(dir.resolve("x.mp4")).doesNotExist();
        assertThat(dir.resolve("x.mkv")).doesNotExist();
    }
}
