package faceblur.track;

import faceblur.detect.Box;
import faceblur.detect.Detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One face followed through time: its sightings in time order. Between sightings its box is interpolated;
 * for {@code extendBeforeMicros} before the first and {@code extendAfterMicros} after the last it is held,
 * and also carried along its motion, so a moving face stays covered. Both happen in the scene's coordinates
 * ({@link CameraPath}): a face the camera pans past is followed with the pan.
 */
public record Track(int id, List<TrackPoint> points, long extendBeforeMicros, long extendAfterMicros, CameraPath camera) {

    /**
     * Times in detection results are whole milliseconds: a frame within this of a sighting is that sighting's
     * frame, even with no extension.
     */
    static final long TOLERANCE_MICROS = 1000;

    /** The motion carried beyond an end is measured over this much of the track's last sightings. */
    static final long VELOCITY_SPAN_MICROS = 300_000;

    public Track {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a track needs at least one point");
        }
        points = List.copyOf(points);
        Objects.requireNonNull(camera, "camera");
    }

    /** A track in a still picture. */
    public Track(int id, List<TrackPoint> points, long extendBeforeMicros, long extendAfterMicros) {
        this(id, points, extendBeforeMicros, extendAfterMicros, CameraPath.STILL);
    }

    /** A track in a still picture reaching equally far before and after. */
    public Track(int id, List<TrackPoint> points, long extendMicros) {
        this(id, points, extendMicros, extendMicros);
    }

    /**
     * How far before its first sighting at {@code first} a track may reach so that it covers no time before
     * {@code earliest} (the start of its shot, or the end of frames it must leave alone), at most {@code extend};
     * {@code Long.MIN_VALUE} sets no bound.
     */
    public static long extensionBefore(long first, long earliest, long extend) {
        return earliest == Long.MIN_VALUE ? extend : Math.min(extend, Math.max(0, first - earliest - TOLERANCE_MICROS));
    }

    /**
     * How far after its last sighting at {@code last} a track may reach so that it covers no time after
     * {@code latest}, at most {@code extend}; {@code Long.MAX_VALUE} sets no bound.
     */
    public static long extensionAfter(long last, long latest, long extend) {
        return latest == Long.MAX_VALUE ? extend : Math.min(extend, Math.max(0, latest - last - TOLERANCE_MICROS));
    }

    /** The first time the track covers, its extension included. */
    public long startMicros() {
        return firstMicros() - extendBeforeMicros - TOLERANCE_MICROS;
    }

    /** The last time the track covers, its extension included. */
    public long endMicros() {
        return lastMicros() + extendAfterMicros + TOLERANCE_MICROS;
    }

    public long firstMicros() {
        return points.get(0).micros();
    }

    public long lastMicros() {
        return points.get(points.size() - 1).micros();
    }

    /**
     * This track with each box widened to the largest size seen within {@code radius} sightings either side,
     * keeping its centre: the mask stops flickering with the detector's size jitter, and errs larger.
     */
    public Track withSmoothedSizes(int radius) {
        List<TrackPoint> smoothed = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            double w = 0;
            double h = 0;
            for (int j = Math.max(0, i - radius); j <= Math.min(points.size() - 1, i + radius); j++) {
                w = Math.max(w, box(points.get(j)).width());
                h = Math.max(h, box(points.get(j)).height());
            }
            TrackPoint p = points.get(i);
            Box b = box(p);
            Box wider = new Box(b.centerX() - w / 2, b.centerY() - h / 2, w, h);
            Detection d = p.detection();
            smoothed.add(new TrackPoint(p.micros(), new Detection(wider, d.confidence(), d.landmarks())));
        }
        return new Track(id, smoothed, extendBeforeMicros, extendAfterMicros, camera);
    }

    /** The detector's highest score over the track's sightings. */
    public double bestScore() {
        return bestScore(points);
    }

    /** The detector's highest score over {@code points}. */
    static double bestScore(List<TrackPoint> points) {
        double best = 0;
        for (TrackPoint p : points) {
            best = Math.max(best, p.detection().confidence());
        }
        return best;
    }

    /** Whether the track covers {@code micros}, its extension included. */
    public boolean covers(long micros) {
        return micros >= startMicros() && micros <= endMicros();
    }

    /**
     * The boxes hiding the face at {@code micros}: none outside the track's span, one between sightings,
     * and beyond an end two (see {@link #extrapolated}).
     */
    public List<Box> boxesAt(long micros) {
        if (!covers(micros)) {
            return List.of();
        }
        int n = points.size();
        if (micros <= firstMicros()) {
            return extrapolated(0, 1, micros);
        }
        if (micros >= lastMicros()) {
            return extrapolated(n - 1, -1, micros);
        }
        int hi = upperIndex(micros);
        TrackPoint a = points.get(hi - 1);
        TrackPoint b = points.get(hi);
        double t = (double) (micros - a.micros()) / (b.micros() - a.micros());
        return List.of(camera.toPicture(scene(a).lerp(scene(b), t), micros));
    }

    /** The detector's score for this face at {@code micros}, or NaN unless it was seen at exactly that time. */
    public double scoreAt(long micros) {
        if (micros < firstMicros() || micros > lastMicros()) {
            return Double.NaN;
        }
        TrackPoint p = points.get(upperIndex(micros));
        return p.micros() == micros ? p.detection().confidence() : Double.NaN;
    }

    /** The first index whose time is at or after {@code micros}. */
    private int upperIndex(long micros) {
        return upperIndex(points, micros);
    }

    /** The first index of {@code points} (in time order) whose time is at or after {@code micros}. */
    static int upperIndex(List<TrackPoint> points, long micros) {
        int lo = 0;
        int hi = points.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).micros() < micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Beyond an end: the box held where the face was last seen, and the same box carried on at the face's
     * speed, so that both a face that stopped and one that kept moving are hidden. Two boxes, not their
     * union: in a fast pan the union would be a long band over whatever lies between them. The speed is
     * measured over up to {@link #VELOCITY_SPAN_MICROS} of sightings, as one frame's jitter multiplied over
     * half a second would carry the box anywhere.
     */
    private List<Box> extrapolated(int endIndex, int step, long micros) {
        TrackPoint end = points.get(endIndex);
        Box heldInScene = scene(end);
        Box held = camera.toPicture(heldInScene, micros);
        int other = endIndex;
        while (other + step >= 0 && other + step < points.size()
                && Math.abs(points.get(other + step).micros() - end.micros()) <= VELOCITY_SPAN_MICROS) {
            other += step;
        }
        if (other == endIndex && endIndex + step >= 0 && endIndex + step < points.size()) {
            other = endIndex + step;
        }
        if (other == endIndex) {
            return List.of(held);
        }
        TrackPoint from = points.get(other);
        double t = (double) (micros - end.micros()) / (end.micros() - from.micros());
        Box fromBox = scene(from);
        double dx = (heldInScene.centerX() - fromBox.centerX()) * t;
        double dy = (heldInScene.centerY() - fromBox.centerY()) * t;
        Box moved = camera.toPicture(heldInScene.shifted(dx, dy), micros);
        return moved.equals(held) ? List.of(held) : List.of(held, moved);
    }

    /** A sighting's box where it lies in the scene. */
    private Box scene(TrackPoint p) {
        return camera.toScene(box(p), p.micros());
    }

    private static Box box(TrackPoint p) {
        return p.detection().box();
    }
}
