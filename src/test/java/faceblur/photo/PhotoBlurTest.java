package faceblur.photo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.detect.Box;
import faceblur.eval.AnnotatedImage;
import faceblur.eval.GroundTruthFace;
import faceblur.eval.WiderFaceAnnotations;
import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_16S;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.convertScaleAbs;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * {@code faceblur blur} and {@code detect} on photos of real faces (a WIDER FACE photo whose faces people marked;
 * the photos are made in the test from the shared copy, never committed). Results are judged by Debian's
 * exiftool and ffprobe and by the pixels: detail gone inside the marked faces, the rest of the picture as it was.
 */
class PhotoBlurTest {

    private static final Path WIDER = Media.shared().resolve("eval/wider-val-dev");
    /** Five band members facing the camera, 45-80 px faces, none marked invalid. */
    private static final String BAND = "0--Parade/0_Parade_marchingband_1_869.jpg";

    @TempDir
    Path dir;

    private static List<Box> markedFaces(String file) {
        AnnotatedImage image = WiderFaceAnnotations.read(WIDER.resolve("wider_face_val_bbx_gt.txt")).stream()
                .filter(i -> i.file().equals(file)).findFirst().orElseThrow();
        return image.faces().stream().filter(f -> !f.invalid()).map(GroundTruthFace::box).toList();
    }

    /** The band photo stored turned a quarter left, with EXIF saying "rotate 90 CW" (6), GPS, camera and XMP. */
    private Path sidewaysJpegWithMetadata() {
        Path photo = dir.resolve("band.jpg");
        Tools.ffmpeg("-i", WIDER.resolve("images").resolve(BAND).toString(), "-vf", "transpose=2", "-q:v", "2",
                photo.toString());
        Tools.Result tagged = Tools.run(List.of("exiftool", "-q", "-overwrite_original", "-Orientation#=6",
                "-GPSLatitude=48.8566", "-GPSLatitudeRef=N", "-GPSLongitude=2.3522", "-GPSLongitudeRef=E",
                "-Make=Canon", "-Model=Canon EOS 5D", "-XMP-dc:Creator=A. Photographer", photo.toString()), null);
        assertThat(tagged.exitCode()).as(tagged.stderr()).isZero();
        assertThat(exif(photo)).contains("GPSLatitude", "Make", "Model", "Orientation", "XMP");
        return photo;
    }

    /** Every tag exiftool finds, one "[group] name: value" a line. */
    private static String exif(Path file) {
        Tools.Result r = Tools.run(List.of("exiftool", "-a", "-G1", "-s", file.toString()), null);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.out();
    }

    /** Mean absolute Laplacian of a grey picture inside {@code area}: the fine detail a face is recognised by. */
    private static double detail(Mat gray, Rect area) {
        try (Mat part = new Mat(gray, area); Mat laplacian = new Mat(); Mat magnitude = new Mat()) {
            Laplacian(part, laplacian, CV_16S);
            convertScaleAbs(laplacian, magnitude);
            Scalar m = mean(magnitude);
            return m.get(0);
        }
    }

    private static Rect rect(Box b, Mat picture) {
        int x = (int) Math.max(0, b.x());
        int y = (int) Math.max(0, b.y());
        return new Rect(x, y, (int) Math.min(picture.cols() - x, b.width()), (int) Math.min(picture.rows() - y, b.height()));
    }

    /**
     * Every marked face of {@code blurred} lost most of its detail against {@code original}, and the picture away
     * from faces (outside each face box doubled about its centre) is nearly unchanged.
     */
    private static void assertFacesBlurredRestKept(Path original, Path blurred, List<Box> faces) {
        try (Mat before = imread(original.toString(), IMREAD_GRAYSCALE);
             Mat after = imread(blurred.toString(), IMREAD_GRAYSCALE)) {
            assertThat(after.cols()).isEqualTo(before.cols());
            assertThat(after.rows()).isEqualTo(before.rows());
            for (Box face : faces) {
                double was = detail(before, rect(face, before));
                double is = detail(after, rect(face, after));
                System.out.printf("face %s: detail %.2f -> %.2f%n", face, was, is);
                assertThat(is).as("detail inside face %s: %.2f before, %.2f after", face, was, is)
                        .isLessThan(0.35 * was);
            }
            try (Mat difference = new Mat(); Mat away = new Mat(before.size(), before.type(), new Scalar(255.0))) {
                absdiff(before, after, difference);
                for (Box face : faces) {
                    try (Mat hole = new Mat(away, rect(face.scaledAboutCenter(2), away))) {
                        hole.put(new Scalar(0.0));
                    }
                }
                // Re-encoding moves most pixels by a level or two; a hidden area moves them by tens.
                try (Mat changed = new Mat()) {
                    threshold(difference, changed, 12, 1, THRESH_BINARY);
                    double share = mean(changed, away).get(0);
                    System.out.printf("%s: %.4f of the picture away from faces changed by more than 12%n", blurred, share);
                    assertThat(share).as("share of the picture away from faces changed").isLessThan(0.03);
                }
            }
        }
    }

    @Test
    void sidewaysJpegComesOutUprightWithoutMetadataAndFacesBlurred() throws IOException {
        Path photo = sidewaysJpegWithMetadata();
        Cli.Outcome outcome = Cli.run("blur", photo.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();

        Path out = dir.resolve("band_blurred.jpg");
        assertThat(Tools.stream("v:0", "codec_name", out)).isEqualTo("mjpeg");
        String tags = exif(out);
        assertThat(tags).doesNotContain("GPS").doesNotContain("Make").doesNotContain("Model")
                .doesNotContain("Orientation").doesNotContain("XMP").doesNotContain("Creator")
                .doesNotContain("[IFD0]").doesNotContain("[ExifIFD]");
        // Upright: the stored pixels turned back, as the tag said, are the original band photo.
        Path upright = dir.resolve("upright.png");
        Tools.ffmpeg("-i", WIDER.resolve("images").resolve(BAND).toString(), upright.toString());
        assertFacesBlurredRestKept(upright, out, markedFaces(BAND));
        // The test's own reading, with the tag ignored, shows the stored (sideways) shape of the input.
        try (Mat stored = imread(photo.toString(), IMREAD_GRAYSCALE | IMREAD_IGNORE_ORIENTATION);
             Mat written = imread(out.toString(), IMREAD_GRAYSCALE | IMREAD_IGNORE_ORIENTATION)) {
            assertThat(written.cols()).isEqualTo(stored.rows());
            assertThat(written.rows()).isEqualTo(stored.cols());
        }
    }

    @Test
    void pngAndWebpStayPngAndWebp() {
        List<Box> faces = markedFaces(BAND);
        Path upright = dir.resolve("reference.png");
        Tools.ffmpeg("-i", WIDER.resolve("images").resolve(BAND).toString(), upright.toString());
        for (String ext : List.of("png", "webp")) {
            Path photo = dir.resolve("band." + ext);
            Tools.ffmpeg("-i", upright.toString(), "-lossless", "1", photo.toString());
            Path out = dir.resolve("out." + ext);
            Cli.Outcome outcome = Cli.run("blur", photo.toString(), "-o", out.toString(), "-q");
            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            assertThat(Tools.stream("v:0", "codec_name", out)).isEqualTo(ext);
            assertFacesBlurredRestKept(upright, out, faces);
        }
    }

    @Test
    void folderWithAVideoAndPhotosProcessesEveryOne() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in"));
        Path outDir = dir.resolve("out");
        Files.copy(Media.smallClip(), folder.resolve("clip.mp4"));
        Path source = WIDER.resolve("images").resolve(BAND);
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
        try (Mat original = imread(WIDER.resolve("images").resolve(BAND).toString())) {
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
