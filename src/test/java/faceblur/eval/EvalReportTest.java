package faceblur.eval;

import faceblur.eval.ImageScore.ScoredDetection;
import faceblur.eval.ImageScore.ScoredFace;
import faceblur.eval.ImageScore.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static faceblur.eval.ImageScore.Verdict.FALSE_POSITIVE;
import static faceblur.eval.ImageScore.Verdict.IGNORED;
import static faceblur.eval.ImageScore.Verdict.TRUE_POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvalReportTest {

    private static List<ScoredDetection> ranked(Verdict... verdicts) {
        return java.util.stream.IntStream.range(0, verdicts.length)
                .mapToObj(i -> new ScoredDetection(1 - 0.1 * i, 20, verdicts[i])).toList();
    }

    /**
     * Four faces; ranked detections hit, miss, miss, hit, hit. Precision 1, 1/2, 1/3, 2/4, 3/5 at recall
     * 1/4, 1/4, 1/4, 2/4, 3/4. Interpolated (best precision at that recall or beyond): 1 at 1/4, 3/5 at 2/4
     * and 3/4. AP = 1/4 * 1 + 1/4 * 3/5 + 1/4 * 3/5 = 0.55 (without interpolation it would be 0.525).
     */
    @Test
    void averagePrecisionOfAHandComputedRanking() {
        assertThat(EvalReport.averagePrecision(
                ranked(TRUE_POSITIVE, FALSE_POSITIVE, FALSE_POSITIVE, TRUE_POSITIVE, TRUE_POSITIVE), 4))
                .isCloseTo(0.55, within(1e-12));
    }

    @Test
    void averagePrecisionSkipsIgnoredDetectionsAndRanksByConfidence() {
        List<ScoredDetection> shuffled = List.of(
                new ScoredDetection(0.5, 20, TRUE_POSITIVE),
                new ScoredDetection(0.95, 20, IGNORED),
                new ScoredDetection(0.9, 20, TRUE_POSITIVE),
                new ScoredDetection(0.7, 20, FALSE_POSITIVE));
        // Ranked: hit, miss, hit over 2 faces: 1/2 * 1 + 1/2 * 2/3.
        assertThat(EvalReport.averagePrecision(shuffled, 2)).isCloseTo(0.5 + 1.0 / 3, within(1e-12));
        assertThat(EvalReport.averagePrecision(shuffled, 0)).isNull();
    }

    @Test
    void facesByTheirHeightAndDetectionsByTheirOwn() {
        ImageScore image = new ImageScore(
                List.of(new ScoredDetection(0.9, 15.9, TRUE_POSITIVE), new ScoredDetection(0.8, 16, FALSE_POSITIVE),
                        new ScoredDetection(0.7, 200, IGNORED)),
                List.of(new ScoredFace(16, true, 0.95), new ScoredFace(20, false, 0.5), new ScoredFace(130, false, 0)));
        EvalReport report = EvalReport.of(List.of(image));

        EvalReport.Row small = report.buckets().get(0);
        assertThat(small.bucket()).isEqualTo("<16");
        assertThat(small.faces()).isZero();
        assertThat(small.recall()).isNull();
        assertThat(small.detections()).isEqualTo(1);
        assertThat(small.precision()).isEqualTo(1.0);

        EvalReport.Row mid = report.buckets().get(1);
        assertThat(mid.bucket()).isEqualTo("16-24");
        assertThat(mid.faces()).isEqualTo(2);
        assertThat(mid.recall()).isEqualTo(0.5);
        assertThat(mid.precision()).isEqualTo(0.0);
        assertThat(mid.meanCoverage()).isCloseTo(0.725, within(1e-12));
        assertThat(mid.coveredShare()).isEqualTo(0.5);

        EvalReport.Row large = report.buckets().get(5);
        assertThat(large.bucket()).isEqualTo(">=128");
        assertThat(large.maxHeight()).isNull();
        assertThat(large.faces()).isEqualTo(1);
        assertThat(large.detections()).isZero();

        assertThat(report.all().faces()).isEqualTo(3);
        assertThat(report.all().detections()).isEqualTo(2);
        assertThat(report.ignoredDetections()).isEqualTo(1);
        // Ranked hit, miss over 3 faces.
        assertThat(report.averagePrecision()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(report.table()).contains("average precision (IoU >= 0.5, all sizes): 0.333");
    }
}
