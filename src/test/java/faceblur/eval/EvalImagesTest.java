package faceblur.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.testing.Cli;
import faceblur.testing.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faceblur eval images} end to end on a few real WIDER FACE photos, and its refusals. */
class EvalImagesTest {

    private static final Path WIDER = Media.shared().resolve("eval/wider-val-dev");

    /** A crowd of small faces, close-ups, groups, and one image with a face marked invalid. */
    private static final List<String> SAMPLE = List.of(
            "0--Parade/0_Parade_Parade_0_628.jpg",
            "1--Handshaking/1_Handshaking_Handshaking_1_411.jpg",
            "11--Meeting/11_Meeting_Meeting_11_Meeting_Meeting_11_639.jpg",
            "12--Group/12_Group_Group_12_Group_Group_12_10.jpg",
            "12--Group/12_Group_Team_Organized_Group_12_Group_Team_Organized_Group_12_850.jpg",
            "13--Interview/13_Interview_Interview_Sequences_13_929.jpg");
    /** Their faces not marked invalid, counted by hand in the annotation file. */
    private static final int SAMPLE_VALID_FACES = 56;

    @TempDir
    Path dir;

    /** The sample's entries copied from the shared annotation file (WIDER data is never committed). */
    private Path sampleAnnotations() throws IOException {
        return annotations(SAMPLE);
    }

    private Path annotations(List<String> images) throws IOException {
        List<String> all = Files.readAllLines(WIDER.resolve("wider_face_val_bbx_gt.txt"));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (images.contains(all.get(i).strip())) {
                int lines = 2 + Math.max(1, Integer.parseInt(all.get(i + 1).strip()));
                picked.addAll(all.subList(i, i + lines));
            }
        }
        return Files.write(dir.resolve("gt.txt"), picked);
    }

    private static Cli.Outcome eval(Path gt, Path images, String... more) {
        List<String> args = new ArrayList<>(List.of("eval", "images", "--gt", gt.toString(),
                "--images", images.toString(), "--model", Media.model().toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static double number(JsonNode row, String field) {
        assertThat(row.get(field).isNumber()).as(row.get("bucket") + " " + field).isTrue();
        return row.get(field).asDouble();
    }

    @Test
    void measuresRealPhotosBySize() throws IOException {
        Path json = dir.resolve("eval.json");
        // A fixed threshold: this checks the measurement, not the product's default.
        Cli.Outcome outcome = eval(sampleAnnotations(), WIDER.resolve("images"), "--json", json.toString(),
                "--threshold", "0.5");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();

        JsonNode report = new ObjectMapper().readTree(json.toFile()).get("report");
        assertThat(report.get("images").asInt()).isEqualTo(SAMPLE.size());
        JsonNode all = report.get("all");
        assertThat(all.get("faces").asInt()).isEqualTo(SAMPLE_VALID_FACES);
        JsonNode buckets = report.get("buckets");
        int bucketFaces = 0;
        for (JsonNode b : buckets) {
            bucketFaces += b.get("faces").asInt();
        }
        assertThat(bucketFaces).isEqualTo(SAMPLE_VALID_FACES);

        // YuNet finds nearly every large face, and what it reports is nearly always a face.
        for (int large : new int[]{4, 5}) {
            assertThat(number(buckets.get(large), "recall")).as(buckets.get(large).toString()).isGreaterThan(0.8);
            assertThat(number(buckets.get(large), "meanCoverage")).isGreaterThan(0.8);
        }
        // At native resolution it misses most faces under 16 px.
        assertThat(number(buckets.get(0), "recall")).isLessThan(0.5);
        assertThat(number(all, "precision")).isGreaterThan(0.8);
        assertThat(report.get("averagePrecision").asDouble()).isBetween(0.4, number(all, "recall"));
        // A face is largely hidden when found; hidden faces outnumber found ones only by a little.
        assertThat(number(all, "coveredShare")).isBetween(0.5 * number(all, "recall"), 1.0);
    }

    /**
     * {@code --photo} finds faces as blur does in photos: small faces the detector's pass alone misses, on a parade
     * seen from afar (114 faces under 16 px).
     */
    @Test
    void photoPassesFindMoreSmallFaces() throws IOException {
        Path gt = annotations(List.of("0--Parade/0_Parade_Parade_0_164.jpg"));
        double[] smallRecall = new double[2];
        for (int photo = 0; photo < 2; photo++) {
            Path json = dir.resolve("eval-" + photo + ".json");
            Cli.Outcome outcome = photo == 1 ? eval(gt, WIDER.resolve("images"), "--json", json.toString(), "--photo")
                    : eval(gt, WIDER.resolve("images"), "--json", json.toString());
            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            JsonNode result = new ObjectMapper().readTree(json.toFile());
            assertThat(result.get("photo").asBoolean()).isEqualTo(photo == 1);
            smallRecall[photo] = number(result.get("report").get("buckets").get(0), "recall");
        }
        assertThat(smallRecall[1]).as("recall under 16 px with the enlarged pass, against %.3f without",
                smallRecall[0]).isGreaterThan(smallRecall[0]);
    }

    @Test
    void missingAnnotationFile() {
        Path gt = dir.resolve("nowhere.txt");
        assertRefused(eval(gt, WIDER.resolve("images")), gt + ": no such annotation file");
    }

    @Test
    void missingImagesFolder() throws IOException {
        Path images = dir.resolve("no-images");
        assertRefused(eval(sampleAnnotations(), images), images + ": no such images folder");
    }

    @Test
    void listedImageNotThere() throws IOException {
        Path gt = Files.writeString(dir.resolve("gt.txt"), "0--Parade/missing.jpg\n1\n1 2 3 4 0 0 0 0 0 0\n");
        assertRefused(eval(gt, dir), dir.resolve("0--Parade/missing.jpg") + ": listed in the annotations but not found");
    }

    private static void assertRefused(Cli.Outcome outcome, String line) {
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).containsExactly("faceblur: " + line);
    }
}
