package faceblur.cli;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing the user gave is lost without a word: the whole main video, every input's output, skipped files named. */
class NoSilentLossTest {

    @TempDir
    Path dir;

    /**
     * A Matroska file whose first video stream is a one-frame cover picture (PNG, not flagged as attached, as
     * FFmpeg writes it) before the 2 s film: the output is the film, all 20 frames, not the cover.
     */
    @Test
    void coverPictureBeforeTheFilmIsNotTakenForTheVideo() {
        Path film = Media.smallClip();
        Path cover = Media.fixture("cover.png", "-f", "lavfi", "-i", "color=red:size=64x64", "-frames:v", "1");
        Path input = dir.resolve("covered.mkv");
        Tools.ffmpeg("-i", cover.toString(), "-i", film.toString(), "-map", "0", "-map", "1", "-c:v:0", "png",
                "-c:v:1", "copy", input.toString());
        assertThat(Tools.stream("v:0", "codec_name", input)).isEqualTo("png");
        Path output = dir.resolve("out.mp4");
        Cli.Outcome outcome = Cli.run("blur", input.toString(), "-o", output.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(Tools.frameTimes(output)).hasSize(Tools.frameTimes(film).size()).hasSizeGreaterThan(1);
        assertThat(Tools.stream("v:0", "width", output)).isEqualTo("160");
    }

    /** clip.mp4 and clip.mkv into one folder: refused before anything is written, naming both, never --overwrite. */
    @Test
    void batchOutputsThatWouldCollideAreRefusedBeforeAnyIsWritten() throws IOException {
        Path mp4 = Files.copy(Media.smallClip(), dir.resolve("clip.mp4"));
        Path mkv = dir.resolve("clip.mkv");
        Tools.ffmpeg("-i", mp4.toString(), "-c", "copy", mkv.toString());
        Path out = dir.resolve("out");
        for (boolean overwrite : new boolean[]{false, true}) {
            Cli.Outcome outcome = overwrite
                    ? Cli.run("blur", mp4.toString(), mkv.toString(), "--out-dir", out.toString(), "-q", "--overwrite")
                    : Cli.run("blur", mp4.toString(), mkv.toString(), "--out-dir", out.toString(), "-q");
            assertThat(outcome.exitCode()).isEqualTo(2);
            assertThat(outcome.stderr().lines().toList()).singleElement().asString()
                    .contains(mp4.toString()).contains(mkv.toString()).contains("clip_blurred")
                    .doesNotContain("--overwrite");
            assertThat(out.resolve("clip_blurred.mp4")).doesNotExist();
        }
        // A video and a photo of one name do not clash: their outputs differ.
        Path photo = Media.fixture("cover.png", "-f", "lavfi", "-i", "color=red:size=64x64", "-frames:v", "1");
        Path png = Files.copy(photo, dir.resolve("clip.png"));
        Cli.Outcome both = Cli.run("blur", mp4.toString(), png.toString(), "--out-dir", out.toString(), "-q");
        assertThat(both.exitCode()).as(both.stderr()).isZero();
        assertThat(out.resolve("clip_blurred.mp4")).exists();
        assertThat(out.resolve("clip_blurred.png")).exists();
    }

    /** A folder's GIF is blurred as a GIF given by name is; what is left out is named. */
    @Test
    void folderTakesGifsAndNamesWhatItSkips() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Tools.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=80x60:rate=5:duration=1", in.resolve("anim.gif").toString());
        Path notes = Files.writeString(in.resolve("notes.txt"), "not a picture");
        Path out = dir.resolve("out");
        Cli.Outcome outcome = Cli.run("blur", in.toString(), "--out-dir", out.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(out.resolve("anim_blurred.mp4")).exists();
        assertThat(outcome.stderr().lines().toList()).singleElement().asString()
                .startsWith("faceblur: skipped " + notes);
    }
}
