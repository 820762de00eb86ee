package faceblur.testing;

import faceblur.detect.Box;
import faceblur.eval.AnnotatedImage;
import faceblur.eval.GroundTruthFace;
import faceblur.eval.WiderFaceAnnotations;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_16S;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.convertScaleAbs;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * Photos of real faces for tests, made from a WIDER FACE photo whose faces people marked (the shared copy; never
 * committed), and the checks of a blurred one: Debian's exiftool for its tags, the pixels for its faces.
 */
public final class Photos {

    public static final Path WIDER = Media.shared().resolve("eval/wider-val-dev");
    /** Five band members facing the camera, 45-80 px faces, none marked invalid. */
    public static final String BAND = "0--Parade/0_Parade_marchingband_1_869.jpg";

    private Photos() {
    }

    public static Path band() {
        return WIDER.resolve("images").resolve(BAND);
    }

    public static List<Box> markedFaces(String file) {
        AnnotatedImage image = WiderFaceAnnotations.read(WIDER.resolve("wider_face_val_bbx_gt.txt")).stream()
                .filter(i -> i.file().equals(file)).findFirst().orElseThrow();
        return image.faces().stream().filter(f -> !f.invalid()).map(GroundTruthFace::box).toList();
    }

    /**
     * The band photo stored turned a quarter left at {@code photo}, with EXIF saying "rotate 90 CW" (6), GPS,
     * camera, XMP and IPTC tags.
     */
    public static Path sidewaysJpegWithMetadata(Path photo) {
        Tools.ffmpeg("-i", band().toString(), "-vf", "transpose=2", "-q:v", "2", photo.toString());
        Tools.Result tagged = Tools.run(List.of("exiftool", "-q", "-overwrite_original", "-Orientation#=6",
                "-GPSLatitude=48.8566", "-GPSLatitudeRef=N", "-GPSLongitude=2.3522", "-GPSLongitudeRef=E",
                "-Make=Canon", "-Model=Canon EOS 5D", "-XMP-dc:Creator=A. Photographer", "-IPTC:By-line=A. Photographer",
                "-IPTC:City=Paris", photo.toString()), null);
        assertThat(tagged.exitCode()).as(tagged.stderr()).isZero();
        assertThat(exif(photo)).contains("GPSLatitude", "Make", "Model", "Orientation", "XMP", "IPTC");
        return photo;
    }

    /** Every tag exiftool finds, one "[group] name: value" a line. */
    public static String exif(Path file) {
        Tools.Result r = Tools.run(List.of("exiftool", "-a", "-G1", "-s", file.toString()), null);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.out();
    }

    /** None of what identifies the camera, the place or the author, and no orientation left to apply. */
    public static void assertNoMetadata(Path file) {
        assertThat(exif(file)).doesNotContain("GPS").doesNotContain("Make").doesNotContain("Model")
                .doesNotContain("Orientation").doesNotContain("XMP").doesNotContain("Creator").doesNotContain("IPTC")
                .doesNotContain("Paris")
                .doesNotContain("[IFD0]").doesNotContain("[ExifIFD]");
    }

    /** Mean absolute Laplacian of a grey picture inside {@code area}: the fine detail a face is recognised by. */
    public static double detail(Mat gray, Rect area) {
        try (Mat part = new Mat(gray, area); Mat laplacian = new Mat(); Mat magnitude = new Mat()) {
            Laplacian(part, laplacian, CV_16S);
            convertScaleAbs(laplacian, magnitude);
            Scalar m = mean(magnitude);
            return m.get(0);
        }
    }

    public static Rect rect(Box b, Mat picture) {
        int x = (int) Math.max(0, b.x());
        int y = (int) Math.max(0, b.y());
        return new Rect(x, y, (int) Math.min(picture.cols() - x, b.width()), (int) Math.min(picture.rows() - y, b.height()));
    }

    /**
     * Every marked face of {@code blurred} lost most of its detail against {@code original}, and the picture away
     * from faces (outside each face box doubled about its centre) is nearly unchanged.
     */
    public static void assertFacesBlurredRestKept(Path original, Path blurred, List<Box> faces) {
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

}
