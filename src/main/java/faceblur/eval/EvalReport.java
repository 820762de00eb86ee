package faceblur.eval;

import faceblur.eval.ImageScore.ScoredDetection;
import faceblur.eval.ImageScore.ScoredFace;
import faceblur.eval.ImageScore.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The results over a set of images, by face height and overall. Ratios with nothing to divide by are null.
 *
 * @param images             how many images were scored
 * @param ignoredDetections  detections on faces marked invalid, left out of every number
 * @param averagePrecision   area under the precision-recall curve over all sizes, detections ranked by
 *                           confidence (only those above the detector's threshold exist), VOC all-point
 *                           interpolation
 * @param buckets            one row per {@link SizeBucket}, smallest first
 * @param all                every face and detection together
 */
public record EvalReport(int images, int ignoredDetections, Double averagePrecision, List<Row> buckets, Row all) {

    /** A share of faces with at least this much of their pixels hidden counts as "covered". */
    public static final double COVERED = 0.9;

    /**
     * @param bucket        the bucket's label, or "all"
     * @param faces         valid marked faces of this height
     * @param found         of those, how many a detection matched
     * @param recall        found / faces
     * @param detections    detections of this height (their own box), ignored ones left out
     * @param truePositives of those, how many matched a face
     * @param precision     truePositives / detections
     * @param meanCoverage  the mean share of each face's pixels the blur would hide
     * @param coveredShare  the share of faces with at least {@link #COVERED} of their pixels hidden
     */
    public record Row(String bucket, double minHeight, Double maxHeight, int faces, int found, Double recall,
                      int detections, int truePositives, Double precision, Double meanCoverage,
                      Double coveredShare) {

        static Row of(String label, double min, double max, List<ScoredFace> faces, List<ScoredDetection> detections) {
            int found = (int) faces.stream().filter(ScoredFace::found).count();
            int correct = (int) detections.stream().filter(d -> d.verdict() == Verdict.TRUE_POSITIVE).count();
            double coverage = faces.stream().mapToDouble(ScoredFace::coverage).sum();
            long covered = faces.stream().filter(f -> f.coverage() >= COVERED).count();
            return new Row(label, min, Double.isInfinite(max) ? null : max, faces.size(), found,
                    ratio(found, faces.size()), detections.size(), correct, ratio(correct, detections.size()),
                    ratio(coverage, faces.size()), ratio(covered, faces.size()));
        }
    }

    public static EvalReport of(List<ImageScore> scores) {
        List<ScoredFace> faces = new ArrayList<>();
        List<ScoredDetection> detections = new ArrayList<>();
        for (ImageScore s : scores) {
            faces.addAll(s.faces());
            s.detections().stream().filter(d -> d.verdict() != Verdict.IGNORED).forEach(detections::add);
        }
        int ignored = scores.stream().mapToInt(s -> s.detections().size()).sum() - detections.size();
        List<Row> rows = new ArrayList<>();
        for (SizeBucket b : SizeBucket.values()) {
            rows.add(Row.of(b.label(), b.min(), b.max(),
                    faces.stream().filter(f -> SizeBucket.of(f.height()) == b).toList(),
                    detections.stream().filter(d -> SizeBucket.of(d.height()) == b).toList()));
        }
        Row all = Row.of("all", 0, Double.POSITIVE_INFINITY, faces, detections);
        return new EvalReport(scores.size(), ignored, averagePrecision(detections, faces.size()), rows, all);
    }

    /**
     * Area under the precision-recall curve, detections taken most confident first, with precision at each
     * recall replaced by the best precision at that recall or higher (VOC's all-point interpolation), so the
     * curve does not zigzag. Null with no faces to find.
     */
    static Double averagePrecision(List<ScoredDetection> detections, int faces) {
        if (faces == 0) {
            return null;
        }
        List<ScoredDetection> ranked = detections.stream()
                .filter(d -> d.verdict() != Verdict.IGNORED)
                .sorted(Comparator.comparingDouble(ScoredDetection::confidence).reversed())
                .toList();
        int n = ranked.size();
        double[] precision = new double[n];
        boolean[] hit = new boolean[n];
        int truePositives = 0;
        for (int k = 0; k < n; k++) {
            hit[k] = ranked.get(k).verdict() == Verdict.TRUE_POSITIVE;
            truePositives += hit[k] ? 1 : 0;
            precision[k] = truePositives / (double) (k + 1);
        }
        double ap = 0;
        double best = 0;
        // From the lowest confidence up, each hit adds 1/faces of recall at the best precision from there on.
        for (int k = n - 1; k >= 0; k--) {
            best = Math.max(best, precision[k]);
            if (hit[k]) {
                ap += best / faces;
            }
        }
        return ap;
    }

    private static Double ratio(double part, int whole) {
        return whole == 0 ? null : part / whole;
    }

    /** The report as a table for people. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-11s %6s %6s %7s %10s %8s %9s %11s %12s%n", "face height", "faces",
                "found", "recall", "detections", "correct", "precision", "mean hidden", ">=90% hidden"));
        for (Row r : buckets) {
            appendRow(s, r);
        }
        appendRow(s, all);
        s.append(String.format(Locale.ROOT, "average precision (IoU >= %.1f, all sizes): %s%n", ImageScore.MIN_IOU,
                number(averagePrecision)));
        s.append(String.format(Locale.ROOT, "%d images; %d detections on faces marked invalid were ignored%n",
                images, ignoredDetections));
        return s.toString();
    }

    private static void appendRow(StringBuilder s, Row r) {
        s.append(String.format(Locale.ROOT, "%-11s %6d %6d %7s %10d %8d %9s %11s %12s%n", r.bucket(), r.faces(),
                r.found(), number(r.recall()), r.detections(), r.truePositives(), number(r.precision()),
                number(r.meanCoverage()), number(r.coveredShare())));
    }

    private static String number(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
