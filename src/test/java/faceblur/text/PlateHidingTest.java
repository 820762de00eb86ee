package faceblur.text;

import faceblur.detect.Box;
import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Photos;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.inRange;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * {@code faceblur blur --hide faces,text} on a car photo with its plate marked by a person (plates-eu, used
 * here for measuring only): judged from the pixels of the marked box alone, before and after.
 */
class PlateHidingTest {

    @TempDir
    Path dir;

    static final Path PLATES = Media.shared().resolve("eval/plates-eu");

    /** The plate box marked in {@code NAME.txt}: file x y width height plate. */
    static Box markedPlate(String name) throws IOException {
        String[] f = Files.readString(PLATES.resolve(name + ".txt")).trim().split("\\s+");
        return new Box(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]));
    }

    /**
     * The detail (mean absolute Laplacian of the luma) of the plate's characters in {@code picture}: the inner
     * 80 % of the marked box, leaving out the plate's rim against the car, whose edge a mask over the letters
     * softens but does not remove.
     */
    static double plateDetail(Path picture, Box plate) {
        try (Mat gray = imread(picture.toString(), IMREAD_GRAYSCALE)) {
            double detail = Photos.detail(gray, Photos.rect(plate.scaledAboutCenter(0.8), gray));
            System.out.printf("%s: plate detail %.2f%n", picture.getFileName(), detail);
            return detail;
        }
    }

    @Test
    void hidesThePlateOfACarPhoto() throws IOException {
        Path car = PLATES.resolve("eu1.jpg");
        Box plate = markedPlate("eu1");
        Path facesOnly = dir.resolve("faces.png");
        Path withText = dir.resolve("text.png");
        assertThat(Cli.run("blur", car.toString(), "-o", facesOnly.toString(), "-q").exitCode()).isZero();
        Cli.Outcome outcome = Cli.run("blur", car.toString(), "--hide", "faces,text", "--text-model",
                TextDetectorTest.model().toString(), "-o", withText.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        double original = plateDetail(car, plate);
        // Faces alone leave the plate as it was: the check below can fail.
        assertThat(plateDetail(facesOnly, plate)).isGreaterThan(0.7 * original);
        assertThat(plateDetail(withText, plate)).isLessThan(0.25 * original);
    }

    /** Text alone: the plate is hidden, and faces are not looked for. */
    @Test
    void textAloneHidesThePlate() throws IOException {
        Path car = PLATES.resolve("eu10.jpg");
        Box plate = markedPlate("eu10");
        Path out = dir.resolve("text-only.jpg");
        Cli.Outcome outcome = Cli.run("blur", car.toString(), "--hide", "text", "--text-model",
                TextDetectorTest.model().toString(), "-o", out.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(plateDetail(out, plate)).isLessThan(0.25 * plateDetail(car, plate));
    }

    /**
     * A small plate in a small photo (test_061: 412 x 267, characters about 15 px high), whose first two
     * characters the detector did not find at the photo's own size: the magenta fill of the text masks now
     * covers its characters (the inner 80 % of the marked box) as bench/plates counts them, at least 90 %.
     */
    @Test
    void hidesEveryCharacterOfASmallPlate() throws IOException {
        Path car = PLATES.resolve("test_061.jpg");
        Box characters = markedPlate("test_061").scaledAboutCenter(0.8);
        Path out = dir.resolve("filled.png");
        Cli.Outcome outcome = Cli.run("blur", car.toString(), "--hide", "text", "--text-model",
                TextDetectorTest.model().toString(), "--style", "fill", "--fill-colour", "#ff00ff",
                "-o", out.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        try (Mat filled = imread(out.toString()); Mat inner = new Mat(filled, Photos.rect(characters, filled));
             Mat magenta = new Mat()) {
            inRange(inner, new Mat(new Scalar(180, 0, 180, 0)), new Mat(new Scalar(255, 90, 255, 0)), magenta);
            double share = (double) countNonZero(magenta) / magenta.total();
            System.out.printf("test_061: %.1f %% of the characters' box filled%n", 100 * share);
            assertThat(share).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void aMissingTextModelIsOneClearMessage() {
        Path missing = dir.resolve("no-such-model.onnx");
        Cli.Outcome outcome = Cli.run("blur", PLATES.resolve("eu1.jpg").toString(), "--hide", "faces,text",
                "--text-model", missing.toString(), "-o", dir.resolve("x.png").toString(), "-q");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("--text-model").contains(missing.toString())
                .contains(TextModelLocator.FILE_NAME).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void anUnknownThingToHideIsNamed() {
        Cli.Outcome outcome = Cli.run("blur", PLATES.resolve("eu1.jpg").toString(), "--hide", "faces,plates",
                "-o", dir.resolve("x.png").toString(), "-q");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("--hide").contains("plates").doesNotContain("Exception");
    }
}
