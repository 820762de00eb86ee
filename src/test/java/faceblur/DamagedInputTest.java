package faceblur;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lightly damaged video: megamind.mp4 with one byte flipped at the start of two frames' packets (frames 101
 * and 151, shown at 4.25 s and 6.21 s), which FFmpeg then cannot decode. By default a warning names them and
 * the output is whole and has the other 269 frames; with --strict the file is refused.
 */
class DamagedInputTest {

    /** The first byte of the picture data in the packets of frames 101 and 151 of megamind.mp4. */
    private static final long[] FLIPPED = {486_424, 701_241};

    @TempDir
    Path dir;

    private Path damaged;

    @BeforeEach
    void damage() throws IOException {
        byte[] bytes = Files.readAllBytes(Media.media("megamind.mp4"));
        for (long offset : FLIPPED) {
            bytes[(int) offset] ^= (byte) 0xFF;
        }
        damaged = Files.write(dir.resolve("damaged.mp4"), bytes);
    }

    @Test
    void lostFramesAreNamedInAWarningAndTheOutputIsWhole() {
        Path output = dir.resolve("out.mp4");
        Cli.Outcome outcome = Cli.run("blur", damaged.toString(), "-o", output.toString(), "-q", "--detect-every", "10");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stderr().lines().toList()).containsExactly("faceblur: warning: " + damaged
                + ": damaged: 2 of 271 frames could not be decoded (4.25 s, 6.21 s); the output has the others");
        assertThat(Tools.ffprobe("-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames",
                "-of", "csv=p=0", output.toString())).isEqualTo("269");
        assertThat(Tools.stream("a:0", "codec_name", output)).isEqualTo("aac");
    }

    /**
     * An audio stream whose codec damage made unknown (Matroska's codec id A_VORBIS overwritten): left out with
     * a warning. It was refused with "a .mp4 file cannot hold the audio (none)", and with --out-dir failed
     * naming a temporary file.
     */
    @Test
    void anAudioStreamWithNoCodecIsLeftOutWithAWarning() throws IOException {
        byte[] clip = Files.readAllBytes(Media.megamindClip("mkv"));
        int at = new String(clip, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("A_VORBIS");
        assertThat(at).isPositive();
        System.arraycopy("A_BOGUS_".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, clip, at, 8);
        Path input = Files.write(dir.resolve("unknown-audio.mkv"), clip);
        Path output = dir.resolve("out.mp4");

        Cli.Outcome outcome = Cli.run("blur", input.toString(), "-o", output.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stderr().lines().toList()).containsExactly("faceblur: warning: " + input
                + ": 1 audio stream(s) with no codec (damaged) left out");
        assertThat(Tools.ffprobe("-show_entries", "stream=codec_type", "-of", "csv=p=0", output.toString())
                .lines().toList()).containsExactly("video");

        Cli.Outcome batch = Cli.run("blur", input.toString(), "--out-dir", dir.resolve("all").toString(), "-q");
        assertThat(batch.exitCode()).as(batch.stderr()).isZero();
    }

    @Test
    void strictRefusesInOneLineAndWritesNothing() throws IOException {
        Path output = dir.resolve("out.mp4");
        Cli.Outcome outcome = Cli.run("blur", damaged.toString(), "-o", output.toString(), "-q", "--strict",
                "--detect-every", "10");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).containsExactly("faceblur: " + damaged
                + ": damaged: 2 of 271 frames could not be decoded (4.25 s, 6.21 s); refused (--strict)");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("damaged.mp4");
        }
    }
}
