package faceblur.review;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.follow.FollowedBox;
import faceblur.text.HiddenTracks;
import faceblur.track.CameraPath;
import faceblur.track.FaceTimeline;
import faceblur.track.Track;
import faceblur.track.TrackPoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a review hides and what it leaves visible, as the engine's tracks: the export renders {@link #hidden()},
 * the studio draws both. The one place a review becomes masks, so that the page, its export and
 * {@code faceblur redact --project} cannot disagree.
 */
public final class RedactionPlan {

    /**
     * A stretch of a corrected track ends this long before the next starts: a track covers up to 1 ms past its
     * last point (times in results are whole milliseconds), and must not cover the next stretch's first frame.
     */
    private static final long STRETCH_GAP_MICROS = 1_001;

    private final List<Track> hidden;
    private final List<Track> visible;
    /** The faces kept visible: what a hidden box lying in them is spared for (kept text spares nothing). */
    private final List<Track> keptFaces;
    private FaceTimeline hiddenTimeline;
    private FaceTimeline visibleTimeline;

    private RedactionPlan(List<Track> hidden, List<Track> visible, List<Track> keptFaces) {
        this.hidden = List.copyOf(hidden);
        this.visible = List.copyOf(visible);
        this.keptFaces = List.copyOf(keptFaces);
    }

    /**
     * The plan of a review. Text is hidden as {@code faceblur blur --hide text} hides it: each of its boxes made
     * the mask that covers the whole text in the project's style ({@link HiddenTracks#masks}). Whether a track is
     * text is read from the findings, where its boxes come from, so that no decision can give text a face's mask.
     */
    public static RedactionPlan of(Findings findings, Project project) {
        Map<Integer, Track> found = findings.tracksById();
        Set<Integer> text = findings.texts().stream().map(Track::id).collect(Collectors.toSet());
        Map<Integer, Decision> decisions = new HashMap<>();
        project.people().forEach(p -> decisions.put(p.id(), p.decision()));
        List<Track> hidden = new ArrayList<>();
        List<Track> visible = new ArrayList<>();
        List<Track> keptFaces = new ArrayList<>();
        for (ReviewTrack t : project.tracks()) {
            if (t.deleted()) {
                continue;
            }
            List<Track> tracks = tracksOf(t, found);
            boolean isText = !t.isDrawn() && text.contains(t.detected());
            if (isText) {
                tracks = HiddenTracks.masks(tracks, project.redaction());
            }
            // A track whose person is unknown (a hand-edited file) is hidden: showing a face takes a decision.
            if (decisions.getOrDefault(t.person(), Decision.BLUR) == Decision.KEEP) {
                visible.addAll(tracks);
                if (!isText) {
                    keptFaces.addAll(tracks);
                }
            } else {
                hidden.addAll(tracks);
            }
        }
        return new RedactionPlan(hidden, visible, keptFaces);
    }

    /** The engine's tracks for one review track: none, one, or one per unbroken run of a drawn face. */
    public static List<Track> tracksOf(ReviewTrack t, Findings findings) {
        return tracksOf(t, findings.tracksById());
    }

    /** As {@link #tracksOf(ReviewTrack, Findings)}, with the found tracks by id at hand. */
    public static List<Track> tracksOf(ReviewTrack t, Map<Integer, Track> found) {
        return t.isDrawn() ? drawnTracks(t) : foundTrack(t, found.get(t.detected()), t.adjustments());
    }

    /**
     * The piece of a found track the review track takes, its boxes corrected: one engine track per stretch under
     * one correction. Apart, the engine's size smoothing cannot carry a correction into the frames before it nor
     * the boxes before into it, so earlier frames keep their box exactly and a correction's own frame shows the
     * box the reviewer set. Where a stretch meets the next between two sightings, each gets a point on its side of
     * the boundary, interpolated as the one track would be, so no frame goes without its mask. A correction before
     * the first sighting applies from it (with the mask held before it); one after the last starts a stretch of its
     * own at its time, holding the mask to the track's end.
     */
    static List<Track> foundTrack(ReviewTrack t, Track source, List<BoxAdjustment> adjustments) {
        if (source == null) {
            return List.of();
        }
        List<TrackPoint> seen = source.points().stream()
                .filter(p -> p.micros() >= t.from() && p.micros() <= t.to()).toList();
        if (seen.isEmpty()) {
            return List.of();
        }
        Track whole = new Track(t.id(), seen, t.extendBefore(), t.extendAfter(), source.camera());
        if (adjustments.isEmpty()) {
            return List.of(whole);
        }
        List<BoxAdjustment> starts = adjustments.stream()
                .filter(a -> a.micros() > whole.firstMicros() && a.micros() <= whole.endMicros()).toList();
        List<Track> stretches = new ArrayList<>();
        for (int i = 0; i <= starts.size(); i++) {
            long from = i == 0 ? Long.MIN_VALUE : starts.get(i - 1).micros();
            long until = i == starts.size() ? Long.MAX_VALUE : starts.get(i).micros();
            BoxAdjustment a = i == 0 ? BoxAdjustment.at(adjustments, whole.firstMicros()) : starts.get(i - 1);
            List<TrackPoint> points = new ArrayList<>();
            for (TrackPoint p : seen) {
                if (p.micros() >= from && p.micros() < until) {
                    points.add(corrected(p, a));
                }
            }
            if (i > 0 && (points.isEmpty() || points.get(0).micros() != from)) {
                points.add(0, corrected(between(whole, from), a));
            }
            long last = points.get(points.size() - 1).micros();
            long after;
            if (i == starts.size()) {
                after = whole.endMicros() - last;
            } else if (until > whole.lastMicros()) {
                // the next stretch starts in the held mask after the last sighting
                after = Math.max(0, until - STRETCH_GAP_MICROS - last);
            } else {
                after = 0;
                if (last < until - STRETCH_GAP_MICROS) {
                    points.add(corrected(between(whole, until - STRETCH_GAP_MICROS), a));
                }
            }
            stretches.add(new Track(t.id(), points, i == 0 ? t.extendBefore() : 0, after, source.camera()));
        }
        return stretches;
    }

    /** The one track's box at {@code micros}, as a sighting with the score of the one before it. */
    private static TrackPoint between(Track whole, long micros) {
        List<TrackPoint> points = whole.points();
        TrackPoint before = points.get(0);
        for (TrackPoint p : points) {
            if (p.micros() <= micros) {
                before = p;
            }
        }
        return new TrackPoint(micros, new Detection(whole.boxesAt(micros).get(0), before.detection().confidence(),
                List.of()));
    }

    private static TrackPoint corrected(TrackPoint p, BoxAdjustment a) {
        Detection d = p.detection();
        return a == null ? p : new TrackPoint(p.micros(), new Detection(a.apply(d.box()), d.confidence(), d.landmarks()));
    }

    /** A drawn face holds its boxes exactly on their frames and nowhere else: one track per run of frames. */
    private static List<Track> drawnTracks(ReviewTrack t) {
        List<Track> runs = new ArrayList<>();
        List<TrackPoint> run = new ArrayList<>();
        int previous = Integer.MIN_VALUE;
        for (FollowedBox b : t.drawn().boxes()) {
            if (b.frame() != previous + 1 && !run.isEmpty()) {
                runs.add(new Track(t.id(), run, 0, 0, CameraPath.STILL));
                run = new ArrayList<>();
            }
            run.add(new TrackPoint(b.micros(), new Detection(b.box(), 1.0, List.of())));
            previous = b.frame();
        }
        if (!run.isEmpty()) {
            runs.add(new Track(t.id(), run, 0, 0, CameraPath.STILL));
        }
        return runs;
    }

    /** The tracks the export hides. */
    public List<Track> hidden() {
        return hidden;
    }

    /** The tracks of people (and text) the reviewer keeps visible. */
    public List<Track> visible() {
        return visible;
    }

    /**
     * What the export hides, frame by frame: the hidden tracks, less what lies mostly inside the face of a person
     * kept visible (a hand or a microphone in front of them, a second detection of their face). Text kept
     * visible spares nothing: a face on a shop sign that is kept is still hidden.
     */
    public synchronized FaceTimeline hiddenTimeline() {
        if (hiddenTimeline == null) {
            hiddenTimeline = FaceTimeline.sparing(hidden, keptFaces);
        }
        return hiddenTimeline;
    }

    /** The masks at {@code micros}, by review track: exactly those the export draws on that frame. */
    public List<FaceTimeline.TrackFaces> hiddenAt(long micros) {
        return hiddenTimeline().facesAt(micros);
    }

    /** The faces left visible at {@code micros}, where the export would put their masks. */
    public synchronized List<FaceTimeline.TrackFaces> visibleAt(long micros) {
        if (visibleTimeline == null) {
            visibleTimeline = new FaceTimeline(visible);
        }
        return visibleTimeline.facesAt(micros);
    }

    /** The boxes hiding faces at {@code micros}, in the export's drawing order. */
    public List<Box> hiddenBoxesAt(long micros) {
        List<Box> boxes = new ArrayList<>();
        hiddenAt(micros).forEach(f -> boxes.addAll(f.boxes()));
        return boxes;
    }
}
