package faceblur.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many ground-truth faces a redacted video leaves visible, frame by frame.
 *
 * @param frames                 frames compared
 * @param rule                   the rule that decided what counts as hidden
 * @param byHeight               face-frames by the height of the ground-truth box
 * @param overall                all face-frames but the featureless ones
 * @param atLeast24px            those whose box is at least 24 px high: faces a viewer could recognise
 * @param longestLeakRun         the most consecutive frames on which one face was visible
 * @param longestLeakRunIds      the ids of the faces visible that long (empty when nothing leaked)
 * @param longestLeakRunById     the longest run for each face id
 * @param changedOutsideFaces    mean over frames of the share of the picture outside every face box that
 *                               changed: what the redaction touched besides faces (mask margins included);
 *                               a blur leaves flat areas as they were, so even a whole-frame blur stays well
 *                               below 100 % (megamind.mp4: 33 %)
 * @param featurelessFaceFrames  face-frames whose box had no detail in the original (flat or nearly black):
 *                               nothing there could identify anyone, so they are left out of every tally and
 *                               counted here; decided from the original alone, the same for every method
 * @param featurelessAtLeast24px those of them at least 24 px high
 * @param correlationCheck       the same face-frames judged by the independent {@link DetailCorrelation} rule,
 *                               and where the two rules disagree
 * @param boxesOutsideFrame      ground-truth boxes with no part inside the picture, not counted
 * @param leaked                 every leaked face-frame, in frame order (written as CSV, not in the JSON)
 * @param faces                  every face-frame of the tallies, as judged (not in the JSON: for calibration)
 */
public record LeakReport(int frames, RedactionRule rule, List<Bucket> byHeight, Tally overall, Tally atLeast24px,
                         int longestLeakRun, List<Integer> longestLeakRunIds, Map<Integer, Integer> longestLeakRunById,
                         double changedOutsideFaces, int featurelessFaceFrames, int featurelessAtLeast24px,
                         CorrelationCheck correlationCheck, int boxesOutsideFrame,
                         @JsonIgnore List<FaceFrame> leaked, @JsonIgnore List<FaceFrame> faces) {

    /**
     * One face on one frame, judged by both rules.
     *
     * @param featureless        no cell of its box had detail in the original: left out of the tallies
     * @param changedShare       the share of its judged cells that changed ({@link RedactionRule})
     * @param redacted           hidden by {@link RedactionRule}
     * @param correlation        the correlation of its fine detail with the original's ({@link DetailCorrelation})
     * @param correlationLeaked  leaked by {@link DetailCorrelation}
     */
    public record FaceFrame(int frame, int id, double height, boolean featureless, double changedShare,
                            boolean redacted, double correlation, boolean correlationLeaked) {
    }

    /**
     * The face-frames of the tallies judged again by {@link DetailCorrelation}.
     *
     * @param rule                  the second rule
     * @param overall               face-frames and those leaked by the second rule
     * @param atLeast24px           the same for boxes at least 24 px high
     * @param disagree              face-frames the two rules judge differently, each way
     * @param disagreeAtLeast24px   the same for boxes at least 24 px high
     */
    public record CorrelationCheck(DetailCorrelation rule, Tally overall, Tally atLeast24px, Disagreement disagree,
                                   Disagreement disagreeAtLeast24px) {

        static CorrelationCheck of(DetailCorrelation rule, List<FaceFrame> faces) {
            List<FaceFrame> big = faces.stream().filter(f -> f.height() >= 24).toList();
            return new CorrelationCheck(rule, tally(faces), tally(big), Disagreement.of(faces), Disagreement.of(big));
        }

        private static Tally tally(List<FaceFrame> faces) {
            return new Tally(faces.size(), (int) faces.stream().filter(FaceFrame::correlationLeaked).count());
        }
    }

    /**
     * @param leakedByPixelRuleOnly    leaked by {@link RedactionRule}, hidden by {@link DetailCorrelation}
     * @param leakedByCorrelationOnly  hidden by {@link RedactionRule}, leaked by {@link DetailCorrelation}
     */
    public record Disagreement(int leakedByPixelRuleOnly, int leakedByCorrelationOnly) {
        static Disagreement of(List<FaceFrame> faces) {
            return new Disagreement((int) faces.stream().filter(f -> !f.redacted() && !f.correlationLeaked()).count(),
                    (int) faces.stream().filter(f -> f.redacted() && f.correlationLeaked()).count());
        }
    }

    public record Tally(int faceFrames, int leaked) {
        /** Leaked share, or null when there is nothing to count. */
        @JsonProperty
        public Double leakRate() {
            return faceFrames == 0 ? null : (double) leaked / faceFrames;
        }

        static Tally of(List<FaceFrame> faces) {
            return new Tally(faces.size(), (int) faces.stream().filter(f -> !f.redacted()).count());
        }
    }

    /**
     * Faces with box heights in [minHeight, maxHeight) pixels; maxHeight null for no upper bound; featureless
     * face-frames of these heights are counted apart, not in the tally.
     */
    public record Bucket(String heights, int minHeight, Integer maxHeight, Tally tally, int featureless) {
    }

    public LeakReport {
        byHeight = List.copyOf(byHeight);
        longestLeakRunIds = List.copyOf(longestLeakRunIds);
        leaked = List.copyOf(leaked);
        faces = List.copyOf(faces);
        longestLeakRunById = Collections.unmodifiableMap(new TreeMap<>(longestLeakRunById)); // ids in order in the JSON
    }

    /** The report of every face-frame judged, featureless ones among them (they are set apart here). */
    static LeakReport of(int frames, RedactionRule rule, DetailCorrelation check, List<FaceFrame> judged,
                         double changedOutsideFaces, int boxesOutsideFrame) {
        List<FaceFrame> faces = judged.stream().filter(f -> !f.featureless()).toList();
        List<FaceFrame> featureless = judged.stream().filter(FaceFrame::featureless).toList();
        List<Bucket> buckets = new ArrayList<>();
        for (SizeBucket size : SizeBucket.values()) {
            Integer max = Double.isInfinite(size.max()) ? null : (int) size.max();
            Tally tally = Tally.of(faces.stream().filter(f -> SizeBucket.of(f.height()) == size).toList());
            buckets.add(new Bucket(size.label(), (int) size.min(), max, tally,
                    (int) featureless.stream().filter(f -> SizeBucket.of(f.height()) == size).count()));
        }
        Map<Integer, Integer> runs = longestLeakRuns(faces);
        int longest = runs.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Integer> ids = longest == 0 ? List.of()
                : runs.entrySet().stream().filter(e -> e.getValue() == longest).map(Map.Entry::getKey).sorted().toList();
        return new LeakReport(frames, rule, buckets, Tally.of(faces),
                Tally.of(faces.stream().filter(f -> f.height() >= 24).toList()),
                longest, ids, runs, changedOutsideFaces, featureless.size(),
                (int) featureless.stream().filter(f -> f.height() >= 24).count(), CorrelationCheck.of(check, faces),
                boxesOutsideFrame, faces.stream().filter(f -> !f.redacted())
                        .sorted(Comparator.comparingInt(FaceFrame::frame).thenComparingInt(FaceFrame::id)).toList(),
                faces);
    }

    /**
     * For each face id, the most consecutive frames on which it was leaked; a frame without it ends a run, and
     * so does a featureless frame (left out before this), since nothing of the face could be seen there.
     */
    static Map<Integer, Integer> longestLeakRuns(List<FaceFrame> faces) {
        Map<Integer, List<FaceFrame>> byId = faces.stream().collect(Collectors.groupingBy(FaceFrame::id));
        Map<Integer, Integer> longest = new TreeMap<>();
        byId.forEach((id, frames) -> {
            int best = 0;
            int run = 0;
            int previous = Integer.MIN_VALUE;
            for (FaceFrame f : frames.stream().sorted(Comparator.comparingInt(FaceFrame::frame)).toList()) {
                if (f.redacted()) {
                    run = 0;
                } else {
                    run = f.frame() == previous + 1 ? run + 1 : 1;
                    best = Math.max(best, run);
                }
                previous = f.frame();
            }
            longest.put(id, best);
        });
        return longest;
    }

    /** The report as a table for people. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%d frames, %d ground-truth face-frames%n%n", frames,
                overall.faceFrames() + featurelessFaceFrames));
        s.append(String.format("%-14s %12s %8s %10s %12s%n", "face height", "face-frames", "leaked", "leak rate",
                "featureless"));
        for (Bucket b : byHeight) {
            s.append(row(b.heights() + " px", b.tally(), b.featureless()));
        }
        s.append(row("all", overall, featurelessFaceFrames));
        s.append(row(">=24 px", atLeast24px, featurelessAtLeast24px));
        s.append('\n');
        s.append(longestLeakRun == 0 ? "no face leaked on any frame\n"
                : String.format("longest leak: %d consecutive frames (face id %s)%n", longestLeakRun,
                longestLeakRunIds.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        s.append(String.format("picture changed outside faces: %.1f %% (mean over frames)%n", 100 * changedOutsideFaces));
        s.append(String.format("featureless face-frames: %d (%d of them >= 24 px): flat or nearly black in the "
                + "original, left out of the leak rates%n", featurelessFaceFrames, featurelessAtLeast24px));
        CorrelationCheck c = correlationCheck;
        s.append(String.format(Locale.ROOT, "second rule, fine detail correlating with the original's (r >= %.2f):"
                        + " leak rate all %s, >=24 px %s%n", c.rule().minCorrelation(), rate(c.overall()),
                rate(c.atLeast24px())));
        s.append(String.format("rules disagree on %d face-frames (>=24 px: %d): %d leaked by the pixel rule only "
                        + "(%d), %d by the correlation rule only (%d)%n",
                c.disagree().leakedByPixelRuleOnly() + c.disagree().leakedByCorrelationOnly(),
                c.disagreeAtLeast24px().leakedByPixelRuleOnly() + c.disagreeAtLeast24px().leakedByCorrelationOnly(),
                c.disagree().leakedByPixelRuleOnly(), c.disagreeAtLeast24px().leakedByPixelRuleOnly(),
                c.disagree().leakedByCorrelationOnly(), c.disagreeAtLeast24px().leakedByCorrelationOnly()));
        if (boxesOutsideFrame > 0) {
            s.append(boxesOutsideFrame).append(" ground-truth boxes lie outside the picture and were not counted\n");
        }
        return s.toString();
    }

    private static String row(String label, Tally t, int featureless) {
        return String.format("%-14s %12d %8d %10s %12d%n", label, t.faceFrames(), t.leaked(), rate(t), featureless);
    }

    private static String rate(Tally t) {
        return t.leakRate() == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * t.leakRate());
    }

    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    /**
     * The leaked face-frames as CSV, {@code frame,id,height,changed_share,correlation}: frames counted from 1 as
     * in the ground truth, changed_share the share of the face's judged cells that changed, correlation that of
     * its fine detail with the original's (the second rule).
     */
    public void writeLeaksCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("frame,id,height,changed_share,correlation\n");
        for (FaceFrame f : leaked) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%.1f,%.3f,%.3f%n", f.frame(), f.id(), f.height(),
                    f.changedShare(), f.correlation()));
        }
        Files.writeString(file, csv);
    }
}
