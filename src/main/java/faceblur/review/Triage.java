package faceblur.review;

import faceblur.detect.Box;
import faceblur.track.Track;
import faceblur.track.TrackPoint;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a reviewer sorts and filters the people by, which of them are probably not faces, and which look like one
 * face the tracker lost and found again. A review of a real clip starts with dozens of people, most of them
 * brief weak detections of hands, lamps and hair: these facts let the reviewer deal with them in one action.
 */
public final class Triage {

    /** Below this best score a track is weak: real faces in bench/real score 0.8-0.95, false tracks 0.2-0.6. */
    public static final double WEAK_SCORE = 0.6;
    /** Shorter than this on screen, a weak person is "probably not a face". */
    public static final double SHORT_SECONDS = 3.0;
    /** The longest gap between the end of one person and the start of another that a suggestion bridges. */
    static final long MAX_GAP_MICROS = 2_000_000;
    /** Below this likeness (0-1) two people are not suggested as one. */
    static final double MIN_LIKENESS = 0.5;

    /**
     * One person's facts.
     *
     * @param score    the detector's best score over their live tracks (1 for a face a reviewer drew)
     * @param size     the median height of their boxes, pixels
     * @param frames   how many frames show them, each counted once however many tracks cover it
     * @param seconds  how long they are on screen
     * @param unlikely weak and short: probably not a face
     */
    public record PersonFacts(int person, double score, double size, int frames, double seconds, int firstFrame,
                              boolean unlikely) {
    }

    /**
     * Two people who look like one face seen twice.
     *
     * @param people   the earlier person, then the later
     * @param likeness 0-1, how alike the end of the first is to the start of the second
     * @param reason   in words: the gap, whether a cut lies in it, and what matched
     */
    public record Suggestion(List<Integer> people, double likeness, String reason) {
    }

    public record Result(List<PersonFacts> people, List<Suggestion> suggestions) {
    }

    /** Where a person is first and last seen: boxes, times and colour (mean RGB 0-255, or null when not known). */
    private record Ends(int person, Kind kind, long first, long last, Box firstBox, Box lastBox, double[] colour) {
    }

    private final Findings findings;
    private final Map<Integer, Track> found;

    public Triage(Findings findings) {
        this.findings = findings;
        this.found = findings.tracksById();
    }

    /**
     * The facts of every person with a live track, and the merge suggestions among the likely faces.
     *
     * @param colours the mean colour of each found track's face (by found track id), from its thumbnails; a
     *                person with none is matched by place and size only, and never across a cut
     */
    public Result of(Project project, Map<Integer, double[]> colours) {
        List<PersonFacts> facts = new ArrayList<>();
        List<Ends> ends = new ArrayList<>();
        for (Person person : project.people()) {
            List<ReviewTrack> live = project.tracksOf(person.id()).stream().filter(t -> !t.deleted()).toList();
            if (live.isEmpty()) {
                continue;
            }
            PersonFacts f = facts(person.id(), live, person.isText());
            facts.add(f);
            if (!f.unlikely()) {
                Ends e = ends(person, live, colours);
                if (e != null) {
                    ends.add(e);
                }
            }
        }
        return new Result(facts, suggestions(ends));
    }

    /** {@code text}: text is never "probably not a face"; a faint, brief plate stays in the list. */
    private PersonFacts facts(int person, List<ReviewTrack> live, boolean text) {
        List<Findings.FrameRange> ranges = new ArrayList<>();
        List<Double> heights = new ArrayList<>();
        double score = 0;
        boolean drawn = false;
        for (ReviewTrack t : live) {
            List<Track> tracks = RedactionPlan.tracksOf(t, found);
            ranges.addAll(findings.framesOf(tracks));
            drawn |= t.isDrawn();
            for (Track x : tracks) {
                for (TrackPoint p : x.points()) {
                    heights.add(p.detection().box().height());
                    score = Math.max(score, t.isDrawn() ? 1 : p.detection().confidence());
                }
            }
        }
        BitSet shown = Findings.shown(ranges);
        heights.sort(Comparator.naturalOrder());
        double size = heights.isEmpty() ? 0 : heights.get(heights.size() / 2);
        int first = shown.nextSetBit(0);
        double seconds = 0;
        for (int f = first; f >= 0; f = shown.nextSetBit(f + 1)) {
            seconds += frameSeconds(f);
        }
        boolean unlikely = !text && !drawn && score < WEAK_SCORE && seconds < SHORT_SECONDS;
        return new PersonFacts(person, round(score, 3), round(size, 1), shown.cardinality(), round(seconds, 3),
                first, unlikely);
    }

    /** How long frame {@code f} is shown: until the next one, or as long as the one before for the last. */
    private double frameSeconds(int f) {
        int n = findings.frameCount();
        if (n < 2) {
            return 0;
        }
        return f + 1 < n ? (findings.micros(f + 1) - findings.micros(f)) / 1e6
                : (findings.micros(f) - findings.micros(f - 1)) / 1e6;
    }

    private Ends ends(Person person, List<ReviewTrack> live, Map<Integer, double[]> colours) {
        TrackPoint first = null;
        TrackPoint last = null;
        double[] sum = new double[3];
        int coloured = 0;
        for (ReviewTrack t : live) {
            for (Track x : RedactionPlan.tracksOf(t, found)) {
                List<TrackPoint> points = x.points();
                if (points.isEmpty()) {
                    continue;
                }
                if (first == null || points.get(0).micros() < first.micros()) {
                    first = points.get(0);
                }
                if (last == null || points.get(points.size() - 1).micros() > last.micros()) {
                    last = points.get(points.size() - 1);
                }
            }
            double[] c = t.isDrawn() ? null : colours.get(t.detected());
            if (c != null) {
                for (int i = 0; i < 3; i++) {
                    sum[i] += c[i];
                }
                coloured++;
            }
        }
        if (first == null) {
            return null;
        }
        double[] colour = coloured == 0 ? null : new double[]{sum[0] / coloured, sum[1] / coloured, sum[2] / coloured};
        return new Ends(person.id(), person.kind(), first.micros(), last.micros(), first.detection().box(),
                last.detection().box(), colour);
    }

    /** For each person, the likeliest later one that continues them; each later person suggested once at most. */
    private List<Suggestion> suggestions(List<Ends> ends) {
        List<Ends> byStart = new ArrayList<>(ends);
        byStart.sort(Comparator.comparingLong(Ends::first));
        List<Suggestion> out = new ArrayList<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        List<Ends> byEnd = new ArrayList<>(ends);
        byEnd.sort(Comparator.comparingLong(Ends::last));
        for (Ends a : byEnd) {
            Suggestion best = null;
            for (Ends b : byStart) {
                // Faces merge with faces and text with text only (ProjectEdits.merge).
                if (b.first() <= a.last() || taken.contains(b.person()) || b.kind() != a.kind()) {
                    continue;
                }
                if (b.first() - a.last() > MAX_GAP_MICROS) {
                    break;
                }
                Suggestion s = compare(a, b);
                if (s != null && (best == null || s.likeness() > best.likeness())) {
                    best = s;
                }
            }
            if (best != null) {
                taken.add(best.people().get(1));
                out.add(best);
            }
        }
        out.sort(Comparator.comparingDouble(Suggestion::likeness).reversed());
        return out;
    }

    /**
     * How alike the end of {@code a} is to the start of {@code b}. Within a shot the face is near where it was
     * and as large; across a cut the camera moved, so only size and colour count, and colour must be known.
     */
    private Suggestion compare(Ends a, Ends b) {
        boolean cut = findings.shots().nextCut(a.last()) <= b.first();
        Box x = a.lastBox();
        Box y = b.firstBox();
        double scale = Math.max(x.height(), y.height());
        double size = Math.min(x.height(), y.height()) / scale;
        double distance = Math.hypot(x.centerX() - y.centerX(), x.centerY() - y.centerY()) / scale;
        double place = Math.max(0, 1 - distance / 2);
        Double colour = a.colour() == null || b.colour() == null ? null : colourLikeness(a.colour(), b.colour());
        double likeness;
        if (cut) {
            if (colour == null) {
                return null;
            }
            likeness = (size + 2 * colour) / 3;
        } else {
            likeness = colour == null ? (2 * place + size) / 3 : (2 * place + size + colour) / 4;
            if (place == 0) {
                return null;
            }
        }
        // A face the tracker lost within a shot is likelier than one seen again after a cut, and a short gap than a
        // long one: the nearest plausible continuation wins.
        long gap = b.first() - a.last();
        likeness *= (cut ? 0.85 : 1) * (1 - 0.25 * gap / MAX_GAP_MICROS);
        if (likeness < MIN_LIKENESS) {
            return null;
        }
        String reason = String.format(java.util.Locale.ROOT, "#%d starts %.1f s after #%d ends%s: %s",
                b.person(), gap / 1e6, a.person(), cut ? ", after a cut" : "",
                String.join(", ", matched(cut ? -1 : place, size, colour)));
        return new Suggestion(List.of(a.person(), b.person()), round(likeness, 3), reason);
    }

    private static List<String> matched(double place, double size, Double colour) {
        List<String> words = new ArrayList<>();
        if (place >= 0) {
            words.add(place >= 0.75 ? "same place" : "near the same place");
        }
        words.add(size >= 0.8 ? "same size" : "similar size");
        if (colour != null) {
            words.add(colour >= 0.8 ? "same colours" : "similar colours");
        }
        return words;
    }

    /** 1 for the same mean colour, 0 at a distance of 80 levels (RGB) or more. */
    static double colourLikeness(double[] a, double[] b) {
        double d = Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
        return Math.max(0, 1 - d / 80);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
