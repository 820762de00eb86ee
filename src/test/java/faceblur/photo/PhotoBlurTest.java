package faceblur.photo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.detect.Box;
import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Photos;
import faceblur.testing.Tools;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static faceblur.testing.Photos.BAND;
import static faceblur.testing.Photos.assertFacesBlurredRestKept;
import static faceblur.testing.Photos.assertNoMetadata;
import static faceblur.testing.Photos.band;
import static faceblur.testing.Photos.markedFaces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * {@code faceblur blur} and {@code detect} on photos of real faces (a WIDER FACE photo whose faces people marked;
 * the photos are made in the test from the shared copy, never committed). Results are judged by Debian's
 * exiftool and ffprobe and by the pixels: detail gone inside the marked faces, the rest of the picture as it was.
 */
class PhotoBlurTest {

    @TempDir
    Path dir;

    private Path sidewaysJpegWithMetadata() {
        return Photos.sidewaysJpegWithMetadata(dir.resolve("band.jpg"));
    }

    @Test
    void sidewaysJpegComesOutUprightWithoutMetadataAndFacesBlurred() throws IOException {
        Path photo = sidewaysJpegWithMetadata();
        Cli.Outcome outcome = Cli.run("blur", photo.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();

        Path out = dir.resolve("band_blurred.jpg");
        assertThat(Tools.stream("v:0", "codec_name", out)).isEqualTo("mjpeg");
        assertNoMetadata(out);
        Tools.Result quality = Tools.run(List.of("exiftool", "-s3", "-JPEGQualityEstimate", out.toString()), null);
        assertThat(quality.out().strip()).as("exiftool's estimate from the quantization tables").isEqualTo("95");
        // Upright: the stored pixels turned back, as the tag said, are the original band photo.
        Path upright = dir.resolve("upright.png");
        Tools.ffmpeg("-i", band().toString(), upright.toString());
        assertFacesBlurredRestKept(upright, out, markedFaces(BAND));
        // The test's own reading, with the tag ignored, shows the stored (sideways) shape of the input.
        try (Mat stored = imread(photo.toString(), IMREAD_GRAYSCALE | IMREAD_IGNORE_ORIENTATION);
             Mat written = imread(out.toString(), IMREAD_GRAYSCALE | IMREAD_IGNORE_ORIENTATION)) {
            assertThat(written.cols()).isEqualTo(stored.rows());
            assertThat(written.rows()).isEqualTo(stored.cols());
        }
    }

    @Test
    void pngAndWebpStayPngAndWebp() throws IOException {
        List<Box> faces = markedFaces(BAND);
        Path upright = dir.resolve("reference.png");
        Tools.ffmpeg("-i", band().toString(), upright.toString());
        for (String ext : List.of("png", "webp")) {
            Path photo = dir.resolve("band." + ext);
            Tools.ffmpeg("-i", upright.toString(), "-lossless", "1", photo.toString());
            Path out = dir.resolve("out." + ext);
            Cli.Outcome outcome = Cli.run("blur", photo.toString(), "-o", out.toString(), "-q");
            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            assertThat(Tools.stream("v:0", "codec_name", out)).isEqualTo(ext);
            assertFacesBlurredRestKept(upright, out, faces);
            if (ext.equals("webp")) {
                // A lossless input is written lossy: the RIFF's first chunk is "VP8 ", not "VP8L".
                assertThat(new String(Files.readAllBytes(out), 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8 ");
            }
        }
    }

    @Test
    void folderWithAVideoAndPhotosProcessesEveryOne() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in"));
        Path outDir = dir.resolve("out");
        Files.copy(Media.smallClip(), folder.resolve("clip.mp4"));
        Path source = band();
        Files.copy(source, folder.resolve("a.jpg"));
        Tools.ffmpeg("-i", source.toString(), folder.resolve("b.png").toString());
        Tools.ffmpeg("-i", source.toString(), folder.resolve("c.webp").toString());
        Files.writeString(folder.resolve("notes.txt"), "not a picture\n");

        Cli.Outcome outcome = Cli.run("blur", folder.toString(), "--out-dir", outDir.toString());
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stderr()).contains("4 of 4 files done");
        try (var written = Files.list(outDir)) {
            assertThat(written.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("clip_blurred.mp4", "a_blurred.jpg", "b_blurred.png", "c_blurred.webp");
        }
        assertThat(Tools.stream("v:0", "codec_name", outDir.resolve("a_blurred.jpg"))).isEqualTo("mjpeg");
        assertThat(Tools.stream("v:0", "codec_name", outDir.resolve("b_blurred.png"))).isEqualTo("png");
        assertThat(Tools.stream("v:0", "codec_name", outDir.resolve("c_blurred.webp"))).isEqualTo("webp");
        assertThat(Tools.stream("v:0", "nb_read_frames", outDir.resolve("clip_blurred.mp4"))).isNotEqualTo("1");
    }

    /** The faces JSON of blur and detect alike: DetectFaces' shape, a box on every marked face. */
    @Test
    void detectAndFacesJsonGiveDetectFacesJson() throws IOException {
        Path photo = sidewaysJpegWithMetadata();
        Path fromDetect = dir.resolve("detect.json");
        Path fromBlur = dir.resolve("blur.json");
        assertThat(Cli.run("detect", photo.toString(), "-o", fromDetect.toString(), "-q").exitCode()).isZero();
        assertThat(Cli.run("blur", photo.toString(), "-o", dir.resolve("x.jpg").toString(), "--faces-json",
                fromBlur.toString(), "-q").exitCode()).isZero();
        JsonNode detected = new ObjectMapper().readTree(fromDetect.toFile());
        assertThat(new ObjectMapper().readTree(fromBlur.toFile())).isEqualTo(detected);
        JsonNode details = detected.get("FaceDetails");
        assertThat(detected.has("Faces")).isFalse();
        // Ratios of the upright picture, 1024 wide as WIDER's original.
        int width = 1024;
        int height;
        try (Mat original = imread(band().toString())) {
            height = original.rows();
        }
        for (Box face : markedFaces(BAND)) {
            boolean found = false;
            for (JsonNode d : details) {
                JsonNode b = d.get("BoundingBox");
                Box box = new Box(b.get("Left").asDouble() * width, b.get("Top").asDouble() * height,
                        b.get("Width").asDouble() * width, b.get("Height").asDouble() * height);
                found |= box.iou(face) >= 0.4 && d.get("Confidence").asDouble() > 0
                        && d.get("Landmarks").size() == 5;
            }
            assertThat(found).as("a detection on marked face %s", face).isTrue();
        }
    }
}
