package faceblur.bench;

import faceblur.eval.DetailCorrelation;
import faceblur.eval.LeakEvaluation;
import faceblur.eval.LeakReport;
import faceblur.eval.MotGroundTruth;
import faceblur.eval.RedactionRule;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Calibrates {@link DetailCorrelation} (bench tool, not shipped): for each redacted version of one original,
 * the spread of the fine-detail correlation over its face-frames (all, and at least 24 px high), the share at or
 * above a few thresholds, and the leak rate of {@link RedactionRule} for comparison.
 * <p>
 * Usage: {@code CorrelationCalibration ORIGINAL GT.csv SIGMA REDACTED...}; bench/calibrate-correlation makes
 * the redacted versions and runs it.
 */
public final class CorrelationCalibration {

    private static final double[] THRESHOLDS = {0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6};

    private CorrelationCalibration() {
    }

    public static void main(String[] args) {
        Path original = Path.of(args[0]);
        MotGroundTruth truth = MotGroundTruth.read(Path.of(args[1]));
        // The threshold plays no part in the correlations; 0.5 only fills the record.
        DetailCorrelation check = new DetailCorrelation(Double.parseDouble(args[2]), 0.5);
        for (int i = 3; i < args.length; i++) {
            LeakReport report = LeakEvaluation.run(original, Path.of(args[i]), truth, RedactionRule.DEFAULT, check);
            print(Path.of(args[i]).getFileName() + " all", report.faces(), report.overall());
            print(Path.of(args[i]).getFileName() + " >=24", report.faces().stream().filter(f -> f.height() >= 24)
                    .toList(), report.atLeast24px());
        }
    }

    private static void print(String label, List<LeakReport.FaceFrame> faces, LeakReport.Tally pixelRule) {
        double[] r = faces.stream().mapToDouble(LeakReport.FaceFrame::correlation).sorted().toArray();
        if (r.length == 0) {
            System.out.println(label + ": no face-frames");
            return;
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%-40s n %6d  r p1 %.2f p5 %.2f p50 %.2f p95 %.2f p99 %.2f  share r>=", label, r.length,
                at(r, 0.01), at(r, 0.05), at(r, 0.5), at(r, 0.95), at(r, 0.99)));
        for (double t : THRESHOLDS) {
            long above = Arrays.stream(r).filter(v -> v >= t).count();
            s.append(String.format(Locale.ROOT, " %.2f:%5.1f%%", t, 100.0 * above / r.length));
        }
        s.append(String.format(Locale.ROOT, "  pixel rule leaked %5.1f%%", 100 * pixelRule.leakRate()));
        System.out.println(s);
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
    }
}
