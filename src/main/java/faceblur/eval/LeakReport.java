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
 * @param overall                all face-frames
 * @param atLeast24px            face-frames whose box is at least 24 px high: faces a viewer could recognise
 * @param longestLeakRun         the most consecutive frames on which one face was visible
 * @param longestLeakRunIds      the ids of the faces visible that long (empty when nothing leaked)
 * @param longestLeakRunById     the longest run for each face id
 * @param changedOutsideFaces    mean over frames of the share of the picture outside every face box that
 *                               changed: what the redaction touched besides faces (mask margins included);
 *                               a blur leaves flat areas as they were, so even a whole-frame blur stays well
 *                               below 100 % (megamind.mp4: 33 %)
 * @param featurelessFaceFrames  face-frames with no detail to judge and no clear change (a flat or very dark
 *                               box): counted as leaked, since nothing shows they were hidden
 * @param boxesOutsideFrame      ground-truth boxes with no part inside the picture, not counted
 * @param leaked                 every leaked face-frame, in frame order (written as CSV, not in the JSON)
 */
public record LeakReport(int frames, RedactionRule rule, List<Bucket> byHeight, Tally overall, Tally atLeast24px,
                         int longestLeakRun, List<Integer> longestLeakRunIds, Map<Integer, Integer> longestLeakRunById,
                         double changedOutsideFaces, int featurelessFaceFrames, int boxesOutsideFrame,
                         @JsonIgnore List<FaceFrame> leaked) {

    /** One face on one frame, judged. */
    public record FaceFrame(int frame, int id, double height, double changedShare, boolean featureless,
                            boolean redacted) {
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

    /** Faces with box heights in [minHeight, maxHeight) pixels; maxHeight null for no upper bound. */
    public record Bucket(String heights, int minHeight, Integer maxHeight, Tally tally) {
    }

    public LeakReport {
        byHeight = List.copyOf(byHeight);
        longestLeakRunIds = List.copyOf(longestLeakRunIds);
        leaked = List.copyOf(leaked);
        longestLeakRunById = Collections.unmodifiableMap(new TreeMap<>(longestLeakRunById)); // ids in order in the JSON
    }

    static LeakReport of(int frames, RedactionRule rule, List<FaceFrame> faces, double changedOutsideFaces,
                         int boxesOutsideFrame) {
        List<Bucket> buckets = new ArrayList<>();
        for (SizeBucket size : SizeBucket.values()) {
            Integer max = Double.isInfinite(size.max()) ? null : (int) size.max();
            Tally tally = Tally.of(faces.stream().filter(f -> SizeBucket.of(f.height()) == size).toList());
            buckets.add(new Bucket(size.label(), (int) size.min(), max, tally));
        }
        Map<Integer, Integer> runs = longestLeakRuns(faces);
        int longest = runs.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Integer> ids = longest == 0 ? List.of()
                : runs.entrySet().stream().filter(e -> e.getValue() == longest).map(Map.Entry::getKey).sorted().toList();
        return new LeakReport(frames, rule, buckets, Tally.of(faces),
                Tally.of(faces.stream().filter(f -> f.height() >= 24).toList()),
                longest, ids, runs, changedOutsideFaces, (int) faces.stream().filter(FaceFrame::featureless).count(),
                boxesOutsideFrame, faces.stream().filter(f -> !f.redacted())
                        .sorted(Comparator.comparingInt(FaceFrame::frame).thenComparingInt(FaceFrame::id)).toList());
    }

    /** For each face id, the most consecutive frames on which it was leaked; a frame without it ends a run. */
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
        s.append(String.format("%d frames, %d ground-truth face-frames%n%n", frames, overall.faceFrames()));
        s.append(String.format("%-14s %12s %8s %10s%n", "face height", "face-frames", "leaked", "leak rate"));
        for (Bucket b : byHeight) {
            s.append(row(b.heights() + " px", b.tally()));
        }
        s.append(row("all", overall));
        s.append(row(">=24 px", atLeast24px));
        s.append('\n');
        s.append(longestLeakRun == 0 ? "no face leaked on any frame\n"
                : String.format("longest leak: %d consecutive frames (face id %s)%n", longestLeakRun,
                longestLeakRunIds.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        s.append(String.format("picture changed outside faces: %.1f %% (mean over frames)%n", 100 * changedOutsideFaces));
        if (featurelessFaceFrames > 0) {
            s.append(featurelessFaceFrames).append(" face-frames had no detail to judge (flat or dark) and count as leaked\n");
        }
        if (boxesOutsideFrame > 0) {
            s.append(boxesOutsideFrame).append(" ground-truth boxes lie outside the picture and were not counted\n");
        }
        return s.toString();
    }

    private static String row(String label, Tally t) {
        String rate = t.leakRate() == null ? "-" : String.format("%.1f %%", 100 * t.leakRate());
        return String.format("%-14s %12d %8d %10s%n", label, t.faceFrames(), t.leaked(), rate);
    }

    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    /**
     * The leaked face-frames as CSV, {@code frame,id,height,changed_share,featureless}: frames counted from 1 as
     * in the ground truth, changed_share the share of the face's judged cells that changed.
     */
    public void writeLeaksCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("frame,id,height,changed_share,featureless\n");
        for (FaceFrame f : leaked) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%.1f,%.3f,%b%n", f.frame(), f.id(), f.height(),
                    f.changedShare(), f.featureless()));
        }
        Files.writeString(file, csv);
    }
}
