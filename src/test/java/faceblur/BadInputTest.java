package faceblur;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: one clear line naming the file and the reason, exit code 2, nothing half-written. */
class BadInputTest {

    @TempDir
    Path dir;

    private void assertRefused(Path input, String reason) throws IOException {
        Cli.Outcome outcome = Cli.run("blur", input.toString(), "-q");
        assertThat(outcome.exitCode()).isEqualTo(2);
        List<String> lines = outcome.stderr().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("faceblur: ").contains(input.toString()).contains(reason)
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertNoOutputs();
    }

    private void assertNoOutputs() throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("_blurred") || n.endsWith(".partial"));
        }
    }

    @Test
    void textFileIsNotAVideo() throws IOException {
        assertRefused(Files.writeString(dir.resolve("notes.mp4"), "these are not the frames you are looking for\n"),
                "not a video file");
    }

    @Test
    void emptyFile() throws IOException {
        assertRefused(Files.createFile(dir.resolve("empty.mp4")), "is empty");
    }

    @Test
    void missingFile() throws IOException {
        assertRefused(dir.resolve("nowhere.mp4"), "no such file");
    }

    @Test
    void audioOnlyFileHasNoVideo() throws IOException {
        Path audio = Media.fixture("tone.m4a", "-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac");
        assertRefused(Files.copy(audio, dir.resolve("tone.m4a")), "has no video stream");
    }

    /** Cut in half with the index at the end: the index is gone. */
    @Test
    void truncatedFileWithoutItsIndex() throws IOException {
        assertRefused(firstHalf(Media.media("megamind.mp4"), "cut.mp4"), "truncated");
    }

    /** Cut in half with the index up front: it opens, but half the frames are missing. */
    @Test
    void truncatedFileIsNotPassedOffAsWhole() throws IOException {
        Path faststart = Media.fixture("megamind-faststart.mp4", "-i", Media.media("megamind.mp4").toString(),
                "-c", "copy", "-movflags", "+faststart");
        assertRefused(firstHalf(faststart, "cut-faststart.mp4"), "truncated");
    }

    private Path firstHalf(Path whole, String name) throws IOException {
        Path cut = dir.resolve(name);
        try (InputStream in = Files.newInputStream(whole); OutputStream out = Files.newOutputStream(cut)) {
            out.write(in.readNBytes((int) (Files.size(whole) / 2)));
        }
        return cut;
    }

    @Test
    void emptyPhoto() throws IOException {
        assertRefused(Files.createFile(dir.resolve("empty.jpg")), "is empty");
    }

    @Test
    void textFileIsNotAPhoto() throws IOException {
        assertRefused(Files.writeString(dir.resolve("notes.png"), "a picture of a face\n"), "not a PNG image");
    }

    /** JPEG decoders grey out the missing part of a cut JPEG and call it a picture; faceblur must not. */
    @Test
    void truncatedJpegIsNotPassedOffAsWhole() throws IOException {
        Path jpeg = Media.fixture("megamind-frame.jpg", "-i", Media.media("megamind.mp4").toString(),
                "-frames:v", "1", "-q:v", "2");
        assertRefused(firstHalf(jpeg, "cut.jpg"), "truncated");
    }

    @Test
    void truncatedPngAndWebp() throws IOException {
        for (String ext : new String[]{"png", "webp"}) {
            Path photo = Media.fixture("megamind-frame." + ext, "-i", Media.media("megamind.mp4").toString(),
                    "-frames:v", "1");
            assertRefused(firstHalf(photo, "cut." + ext), "truncated");
        }
    }

    /**
     * libjpeg and libpng print their own lines on standard error beside faceblur's ("libpng error: IHDR: CRC
     * error"). In a process of its own, where native code's standard error is the terminal's, only faceblur's one
     * line may appear, with the library's reason in it; a JPEG cut inside its picture but ending in an end marker
     * (so that libjpeg fills the rest with grey and only warns) is refused as truncated.
     */
    @Test
    void damagedPhotosGetOurOneLineWithoutTheDecodersOwn() throws IOException {
        Path jpeg = Media.fixture("megamind-frame.jpg", "-i", Media.media("megamind.mp4").toString(),
                "-frames:v", "1", "-q:v", "2");
        byte[] whole = Files.readAllBytes(jpeg);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        assertOnlyOurLine(Files.write(dir.resolve("cut-with-end.jpg"), cut), "is truncated (Corrupt JPEG data");

        Path png = Media.fixture("megamind-frame.png", "-i", Media.media("megamind.mp4").toString(), "-frames:v", "1");
        byte[] badCrc = Files.readAllBytes(png);
        badCrc[29] ^= (byte) 0xFF; // the IHDR chunk's CRC
        assertOnlyOurLine(Files.write(dir.resolve("bad-crc.png"), badCrc), "not a readable PNG image (IHDR: CRC error)");

        byte[] badData = Files.readAllBytes(png);
        int idat = new String(badData, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("IDAT");
        for (int i = idat + 6; i < idat + 40; i++) {
            badData[i] ^= (byte) 0x5A;
        }
        assertOnlyOurLine(Files.write(dir.resolve("bad-data.png"), badData), "not a readable PNG image (");
    }

    private void assertOnlyOurLine(Path photo, String reason) throws IOException {
        Cli.Outcome outcome = Cli.runProcess("blur", photo.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).singleElement().asString()
                .startsWith("faceblur: " + photo + ": ").contains(reason).doesNotContain("libpng");
        assertNoOutputs();
    }

    @Test
    void existingOutputIsKeptWithoutOverwrite() throws IOException {
        Path input = Files.copy(Media.smallClip(), dir.resolve("small.mp4"));
        Path existing = Files.writeString(dir.resolve("small_blurred.mp4"), "precious");
        Cli.Outcome outcome = Cli.run("blur", input.toString(), "-q");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().strip()).contains(existing.toString()).contains("already exists")
                .contains("--overwrite");
        assertThat(Files.readString(existing)).isEqualTo("precious");

        assertThat(Cli.run("blur", input.toString(), "-q", "--overwrite").exitCode()).isZero();
        assertThat(Tools.stream("v:0", "codec_name", existing)).isEqualTo("h264");
    }

    @Test
    void batchGoesOnPastABadFileAndNamesIt() throws IOException {
        Path good = Files.copy(Media.smallClip(), dir.resolve("a.mp4"));
        Path bad = Files.writeString(dir.resolve("b.mp4"), "not a video");
        Cli.Outcome outcome = Cli.run("blur", dir.toString(), "-q");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("a_blurred.mp4")).exists();
        assertThat(dir.resolve("b_blurred.mp4")).doesNotExist();
        assertThat(outcome.stderr()).contains("1 of 2 files done").contains(bad.toString());
        assertThat(good).exists();
    }

    @Test
    void outDirIsCreated() throws IOException {
        Path input = Files.copy(Media.smallClip(), dir.resolve("c.mp4"));
        Cli.Outcome outcome = Cli.run("blur", input.toString(), "--out-dir", dir.resolve("new/sub").toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(dir.resolve("new/sub/c_blurred.mp4")).exists();
    }

    /**
     * Folders nobody may write in, root included (the tests run as root in CI): sysfs refuses new files to
     * everyone, and a regular file cannot hold one. The message gives the reason, not a temporary file's name.
     */
    @Test
    void unwritableOutputFolderIsNamedWithTheReason() throws IOException {
        Path input = Files.copy(Media.smallClip(), dir.resolve("d.mp4"));
        Cli.Outcome sysfs = Cli.run("blur", input.toString(), "-o", "/sys/d_blurred.mp4", "-q");
        assertThat(sysfs.exitCode()).isEqualTo(2);
        assertThat(sysfs.stderr().lines().toList()).containsExactly(
                "faceblur: /sys/: cannot write here (permission denied); choose another place for d_blurred.mp4");

        Path file = Files.writeString(dir.resolve("notes.txt"), "a file");
        Cli.Outcome inFile = Cli.run("blur", input.toString(), "-o", file.resolve("d_blurred.mp4").toString(), "-q");
        assertThat(inFile.exitCode()).isEqualTo(2);
        assertThat(inFile.stderr().lines().toList()).containsExactly("faceblur: " + file
                + ": is a file, not a folder; the output " + file.resolve("d_blurred.mp4") + " cannot go inside it");

        Cli.Outcome outDir = Cli.run("blur", input.toString(), "--out-dir", file.resolve("sub").toString(), "-q");
        assertThat(outDir.exitCode()).isEqualTo(2);
        assertThat(outDir.stderr().lines().toList()).containsExactly("faceblur: " + file.resolve("sub")
                + ": cannot create the output folder (not a directory)");
        assertNoOutputs();
    }

    /**
     * An 8192x4320 video ran out of memory after 90 s in face detection. Now refused before any work, in a
     * process with the JVM's default heap as a user starts it, with how to make it fit.
     */
    @Test
    void an8kVideoIsRefusedAtOnceWithWhatToDo() throws IOException {
        Path huge = Media.fixture("testsrc-8k.mp4", "-f", "lavfi", "-i", "testsrc=size=8192x4320:rate=5",
                "-frames:v", "3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        Path input = Files.copy(huge, dir.resolve("huge.mp4"));
        long start = System.nanoTime();
        Cli.Outcome outcome = Cli.runProcess(Cli.process(List.of(), "blur", input.toString(), "-q"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).containsExactly("faceblur: " + input + ": its 8192x4320 "
                + "frames are too large to find faces in (at most 9.4 megapixels a frame, such as 4096x2160, after "
                + "--upscale 1.00); pass --upscale 0.50, or scale it down first: ffmpeg -i " + input
                + " -vf scale=-2:2160 -c:a copy smaller.mp4");
        assertThat(seconds).as("refused at once").isLessThan(30);
        assertNoOutputs();
    }

    @Test
    void unknownOptionGetsUsageNotAStackTrace() {
        Cli.Outcome outcome = Cli.run("blur", "--no-such-option", "x.mp4");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("Unknown option").doesNotContain("\tat ");
    }
}
