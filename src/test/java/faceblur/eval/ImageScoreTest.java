package faceblur.eval;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.eval.ImageScore.ScoredDetection;
import faceblur.eval.ImageScore.ScoredFace;
import faceblur.eval.ImageScore.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class ImageScoreTest {

    private static final GroundTruthFace FACE = new GroundTruthFace(new Box(0, 0, 10, 10), false);

    private static Detection detection(Box box, double confidence) {
        return new Detection(box, confidence, List.of());
    }

    private static ImageScore match(List<GroundTruthFace> truth, Detection... detections) {
        return ImageScore.match(truth, List.of(detections), box -> 0.0);
    }

    /** A 10x10 face inside a 10 x h detection: IoU = 100 / (10 h). */
    @Test
    void iouJustAboveHalfFindsTheFaceAndJustBelowMissesIt() {
        Box tall = new Box(0, 0, 10, 19.6);  // IoU 100/196 = 0.510
        Box taller = new Box(0, 0, 10, 20.4); // IoU 100/204 = 0.490
        assertThat(FACE.box().iou(tall)).isCloseTo(0.510, within(1e-3));
        assertThat(FACE.box().iou(taller)).isCloseTo(0.490, within(1e-3));

        ImageScore hit = match(List.of(FACE), detection(tall, 0.9));
        assertThat(hit.faces()).containsExactly(new ScoredFace(10, true, 0.0));
        assertThat(hit.detections()).containsExactly(new ScoredDetection(0.9, 19.6, Verdict.TRUE_POSITIVE));

        ImageScore miss = match(List.of(FACE), detection(taller, 0.9));
        assertThat(miss.faces()).containsExactly(new ScoredFace(10, false, 0.0));
        assertThat(miss.detections()).containsExactly(new ScoredDetection(0.9, 20.4, Verdict.FALSE_POSITIVE));
    }

    @Test
    void mostConfidentDetectionTakesTheFaceAndADuplicateIsFalse() {
        ImageScore score = match(List.of(FACE),
                detection(new Box(1, 0, 10, 10), 0.6), detection(new Box(0, 0, 10, 11), 0.8));
        assertThat(score.detections()).extracting(ScoredDetection::confidence, ScoredDetection::verdict)
                .containsExactly(tuple(0.8, Verdict.TRUE_POSITIVE), tuple(0.6, Verdict.FALSE_POSITIVE));
    }

    @Test
    void aFaceAlreadyTakenLeavesTheNextBestFaceToTheNextDetection() {
        GroundTruthFace right = new GroundTruthFace(new Box(4, 0, 10, 10), false);
        // The first takes the left face (IoU 0.82 vs 0.54); the second also overlaps the left face most (0.74),
        // but it is taken, so it takes the right one (0.60).
        ImageScore score = match(List.of(FACE, right),
                detection(new Box(1, 0, 10, 10), 0.9), detection(new Box(1.5, 0, 10, 10), 0.8));
        assertThat(score.detections()).extracting(ScoredDetection::verdict)
                .containsOnly(Verdict.TRUE_POSITIVE);
        assertThat(score.faces()).extracting(ScoredFace::found).containsOnly(true);
    }

    @Test
    void invalidFaceIsNeitherMissedNorAFalsePositive() {
        GroundTruthFace invalid = new GroundTruthFace(new Box(100, 100, 10, 10), true);
        // Not found: not a miss.
        ImageScore unseen = match(List.of(FACE, invalid), detection(FACE.box(), 0.9));
        assertThat(unseen.faces()).containsExactly(new ScoredFace(10, true, 0.0));
        assertThat(unseen.detections()).extracting(ScoredDetection::verdict).containsExactly(Verdict.TRUE_POSITIVE);
        // Found, twice: neither detection is right or wrong.
        ImageScore seen = match(List.of(FACE, invalid),
                detection(invalid.box(), 0.9), detection(new Box(101, 100, 10, 10), 0.7));
        assertThat(seen.faces()).containsExactly(new ScoredFace(10, false, 0.0));
        assertThat(seen.detections()).extracting(ScoredDetection::verdict)
                .containsExactly(Verdict.IGNORED, Verdict.IGNORED);
    }

    @Test
    void coverageIsAskedForEachValidFace() {
        GroundTruthFace invalid = new GroundTruthFace(new Box(100, 100, 10, 10), true);
        ImageScore score = ImageScore.match(List.of(FACE, invalid), List.of(), box -> box.x() == 0 ? 0.75 : 1);
        assertThat(score.faces()).containsExactly(new ScoredFace(10, false, 0.75));
    }
}
