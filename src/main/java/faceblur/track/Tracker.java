package faceblur.track;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.shot.PictureCues;
import faceblur.shot.Shots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Links detections into tracks, greedily and offline: each observation's detections are matched to the open
 * tracks by overlap with where each track is predicted to be, best match first; the rest start new tracks.
 * Every detection ends up in exactly one track; only a track too brief and too weak to be a face
 * ({@link TrackerSettings#minSightings}) is then dropped. A cut
 * between shots ends every track, and no track reaches across one.
 */
public final class Tracker {

    private Tracker() {
    }

    /** Tracks in a video of one shot whose pictures were not read. */
    public static List<Track> link(List<Observation> observations, TrackerSettings settings) {
        return link(observations, settings, PictureCues.NONE);
    }

    public static List<Track> link(List<Observation> observations, TrackerSettings settings, PictureCues cues) {
        List<Observation> ordered = new ArrayList<>(observations);
        ordered.sort(Comparator.comparingLong(Observation::micros));
        List<List<TrackPoint>> open = new ArrayList<>();
        List<List<TrackPoint>> closed = new ArrayList<>();
        Shots shots = cues.shots();
        CameraPath camera = CameraPath.of(ordered, cues);
        long previous = Long.MIN_VALUE;
        for (Observation obs : ordered) {
            long now = obs.micros();
            if (shots.cutBetween(previous, now)) {
                closed.addAll(open);
                open.clear();
            }
            previous = now;
            for (int i = open.size() - 1; i >= 0; i--) {
                if (now - last(open.get(i)).micros() > settings.maxGapMicros()) {
                    closed.add(open.remove(i));
                }
            }
            List<Candidate> candidates = new ArrayList<>();
            DetectionsByX near = new DetectionsByX(obs.detections());
            double[] scores = new double[obs.detections().size()];
            for (int t = 0; t < open.size(); t++) {
                List<TrackPoint> track = open.get(t);
                if (last(track).micros() == now) {
                    continue;
                }
                Arrays.fill(scores, 0);
                for (Box p : predict(track, now, camera)) {
                    near.forEachNear(p, d -> scores[d] = Math.max(scores[d],
                            matchScore(p, obs.detections().get(d).box(), settings.minIou())));
                }
                for (int d = 0; d < scores.length; d++) {
                    if (scores[d] > 0) {
                        candidates.add(new Candidate(t, d, scores[d]));
                    }
                }
            }
            candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
            boolean[] trackTaken = new boolean[open.size()];
            boolean[] detectionTaken = new boolean[obs.detections().size()];
            for (Candidate c : candidates) {
                if (!trackTaken[c.track] && !detectionTaken[c.detection]) {
                    trackTaken[c.track] = true;
                    detectionTaken[c.detection] = true;
                    open.get(c.track).add(new TrackPoint(now, obs.detections().get(c.detection)));
                }
            }
            for (int d = 0; d < detectionTaken.length; d++) {
                if (!detectionTaken[d]) {
                    List<TrackPoint> track = new ArrayList<>();
                    track.add(new TrackPoint(now, obs.detections().get(d)));
                    open.add(track);
                }
            }
        }
        closed.addAll(open);
        closed.removeIf(points -> weak(points, settings));
        List<List<TrackPoint>> kept = withoutDuplicates(closed);
        kept.sort(Comparator.comparingLong((List<TrackPoint> t) -> t.get(0).micros()));
        List<Track> tracks = new ArrayList<>(kept.size());
        for (List<TrackPoint> points : kept) {
            tracks.add(extended(tracks.size() + 1, points, shots, settings, camera));
        }
        return tracks;
    }

    /**
     * A track that lies inside another's boxes ({@link FaceTimeline#partOfFace}, as a weak box) on this share of
     * its sightings is part of that face.
     */
    static final double DUPLICATE_SIGHTINGS = 0.8;

    /**
     * The tracks less those that only repeat a longer one: a second detection of the same face (the half-size
     * pass boxes a head a little differently from the full-size one, and the two alternate frame by frame), or
     * a part of it (an ear, the lower face): each would be a row for a reviewer and a mask of its own (6 of the
     * 137 tracks on the real clips with recognisable faces, bench/real). A track is folded into another with
     * more sightings, none of its
     * own sure ({@link TrackerSettings#SURE_SCORE}) unless the other has sure ones too, when most of its
     * sightings lie inside the other's box at the same time (interpolated between the other's sightings; a
     * sighting outside the other's span counts against). The other's mask, larger and held as long, covers it.
     */
    static List<List<TrackPoint>> withoutDuplicates(List<List<TrackPoint>> tracks) {
        List<List<TrackPoint>> bySize = new ArrayList<>(tracks);
        bySize.sort(Comparator.comparingInt((List<TrackPoint> t) -> t.size()).reversed()
                .thenComparingLong(t -> t.get(0).micros()));
        // Tracks by the seconds their sightings span, so each is compared only with those of its time.
        Map<Long, List<Integer>> bySecond = new HashMap<>();
        for (int i = 0; i < bySize.size(); i++) {
            List<TrackPoint> t = bySize.get(i);
            for (long s = t.get(0).micros() / 1_000_000; s <= last(t).micros() / 1_000_000; s++) {
                bySecond.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
            }
        }
        boolean[] folded = new boolean[bySize.size()];
        for (int b = bySize.size() - 1; b >= 0; b--) {
            List<TrackPoint> small = bySize.get(b);
            TrackPoint middle = small.get(small.size() / 2);
            for (int a : bySecond.getOrDefault(middle.micros() / 1_000_000, List.of())) {
                if (a < b && !folded[a] && repeats(small, bySize.get(a))) {
                    folded[b] = true;
                    break;
                }
            }
        }
        List<List<TrackPoint>> kept = new ArrayList<>();
        for (int i = 0; i < bySize.size(); i++) {
            if (!folded[i]) {
                kept.add(bySize.get(i));
            }
        }
        return kept;
    }

    /** Whether {@code small} lies inside {@code large} on most of its sightings, and is no surer than it. */
    private static boolean repeats(List<TrackPoint> small, List<TrackPoint> large) {
        if (Track.bestScore(small) >= TrackerSettings.SURE_SCORE && Track.bestScore(large) < TrackerSettings.SURE_SCORE) {
            return false;
        }
        int inside = 0;
        for (TrackPoint p : small) {
            Box other = boxAt(large, p.micros());
            Box box = p.detection().box();
            if (other != null && FaceTimeline.partOfFace(box, other, true)) {
                inside++;
            }
        }
        return inside >= DUPLICATE_SIGHTINGS * small.size();
    }

    /** A track's box at {@code micros} within its span, interpolated in the picture; null outside it. */
    private static Box boxAt(List<TrackPoint> points, long micros) {
        if (micros < points.get(0).micros() || micros > last(points).micros()) {
            return null;
        }
        int lo = Track.upperIndex(points, micros);
        TrackPoint after = points.get(lo);
        if (after.micros() == micros || lo == 0) {
            return after.detection().box();
        }
        TrackPoint before = points.get(lo - 1);
        double t = (double) (micros - before.micros()) / (after.micros() - before.micros());
        return before.detection().box().lerp(after.detection().box(), t);
    }

    /**
     * Tracks already linked elsewhere (faceblur's own detections, read back with their TrackIds): each id's
     * sightings make one track, cut at shot changes, kept under its own id, so that {@code faceblur redact} of
     * {@code faceblur detect}'s output hides what {@code faceblur blur} hides. {@code observations} are every
     * analysed frame's detections, empty frames included, for the camera's path, as the analysis had them.
     */
    public static List<Track> given(List<Observation> observations, Map<Integer, List<TrackPoint>> byId,
                                    TrackerSettings settings, PictureCues cues) {
        List<Observation> ordered = new ArrayList<>(observations);
        ordered.sort(Comparator.comparingLong(Observation::micros));
        CameraPath camera = CameraPath.of(ordered, cues);
        Shots shots = cues.shots();
        List<Map.Entry<Integer, List<TrackPoint>>> pieces = new ArrayList<>();
        int nextId = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        for (Map.Entry<Integer, List<TrackPoint>> e : new TreeMap<>(byId).entrySet()) {
            List<TrackPoint> points = new ArrayList<>(e.getValue());
            points.sort(Comparator.comparingLong(TrackPoint::micros));
            int id = e.getKey();
            List<TrackPoint> piece = new ArrayList<>();
            for (TrackPoint p : points) {
                if (!piece.isEmpty() && shots.cutBetween(last(piece).micros(), p.micros())) {
                    pieces.add(Map.entry(id, piece));
                    id = nextId++;
                    piece = new ArrayList<>();
                }
                piece.add(p);
            }
            pieces.add(Map.entry(id, piece));
        }
        pieces.sort(Comparator.comparingLong((Map.Entry<Integer, List<TrackPoint>> e) -> e.getValue().get(0).micros())
                .thenComparingInt(Map.Entry::getKey));
        List<Track> tracks = new ArrayList<>(pieces.size());
        for (Map.Entry<Integer, List<TrackPoint>> e : pieces) {
            if (!weak(e.getValue(), settings)) {
                tracks.add(extended(e.getKey(), e.getValue(), shots, settings, camera));
            }
        }
        return tracks;
    }

    /** A track of {@code points}, held before and after as far as the settings allow within its shot. */
    private static Track extended(int id, List<TrackPoint> points, Shots shots, TrackerSettings settings,
                                  CameraPath camera) {
        long first = points.get(0).micros();
        long last = last(points).micros();
        long shotStart = shots.shotStart(first);
        long nextCut = shots.nextCut(last);
        long before = Track.extensionBefore(first, shotStart, settings.extendMicros());
        long after = Track.extensionAfter(last, nextCut == Long.MAX_VALUE ? Long.MAX_VALUE : nextCut - 1,
                settings.extendMicros());
        return new Track(id, points, before, after, camera);
    }

    /**
     * Where the track's face should be at {@code micros}: where it stood in the scene when last seen, and,
     * for a track of two sightings or more, there carried on along its last motion in the scene.
     */
    private static List<Box> predict(List<TrackPoint> track, long micros, CameraPath camera) {
        TrackPoint end = last(track);
        Box a = camera.toScene(end.detection().box(), end.micros());
        Box standing = camera.toPicture(a, micros);
        if (track.size() < 2) {
            return List.of(standing);
        }
        TrackPoint before = track.get(track.size() - 2);
        Box b = camera.toScene(before.detection().box(), before.micros());
        double t = (double) (micros - end.micros()) / (end.micros() - before.micros());
        return List.of(standing, camera.toPicture(a.shifted((a.x() - b.x()) * t, (a.y() - b.y()) * t), micros));
    }

    /**
     * Above 0 when the detection may continue the track: its overlap with the prediction, or, for a face that
     * moved further than its own size, a smaller score that falls with the distance between centres.
     */
    static double matchScore(Box predicted, Box detected, double minIou) {
        double sizeRatio = detected.height() / predicted.height();
        if (sizeRatio < 0.5 || sizeRatio > 2) {
            return 0;
        }
        double iou = predicted.iou(detected);
        if (iou >= minIou) {
            return iou;
        }
        double size = Math.max(predicted.width(), predicted.height());
        double dx = predicted.centerX() - detected.centerX();
        double dy = predicted.centerY() - detected.centerY();
        double distance = Math.sqrt(dx * dx + dy * dy);
        return distance <= size ? minIou * (1 - distance / size) / 2 : 0;
    }

    /**
     * One frame's detections ordered by the x of their centres, so that each open track is compared only with
     * the detections that could continue it: a crowd gives a thousand open tracks and hundreds of detections
     * on every frame, and comparing every pair took longer than finding the faces.
     */
    private static final class DetectionsByX {
        private final double[] centres;
        private final int[] order;
        private final double widest;

        DetectionsByX(List<Detection> detections) {
            int n = detections.size();
            Integer[] byX = new Integer[n];
            double w = 0;
            for (int i = 0; i < n; i++) {
                byX[i] = i;
                w = Math.max(w, detections.get(i).box().width());
            }
            Arrays.sort(byX, Comparator.comparingDouble(i -> detections.get(i).box().centerX()));
            centres = new double[n];
            order = new int[n];
            for (int k = 0; k < n; k++) {
                order[k] = byX[k];
                centres[k] = detections.get(byX[k]).box().centerX();
            }
            widest = w;
        }

        /**
         * Calls {@code action} with every detection whose centre lies close enough across for
         * {@link #matchScore} to be above 0: a detection it skips neither overlaps {@code predicted} nor has its
         * centre within the predicted box's size of it.
         */
        void forEachNear(Box predicted, java.util.function.IntConsumer action) {
            double reach = Math.max(predicted.width(), predicted.height()) + widest;
            double from = predicted.centerX() - reach;
            double to = predicted.centerX() + reach;
            int k = Arrays.binarySearch(centres, from);
            for (k = k < 0 ? -k - 1 : k; k > 0 && centres[k - 1] >= from; k--) {
                // equal centres: start at the first
            }
            for (; k < centres.length && centres[k] <= to; k++) {
                action.accept(order[k]);
            }
        }
    }

    /**
     * Too few sightings, none of them sure, of something {@link TrackerSettings#WEAK_MIN_HEIGHT} high or more:
     * a false detection, most likely. Smaller ones are kept however briefly seen: far away, a real face is found
     * on a frame here and there at low scores (vtest.avi), and dropping them left more faces visible.
     */
    private static boolean weak(List<TrackPoint> points, TrackerSettings settings) {
        if (points.size() >= settings.minSightings()
                || points.stream().anyMatch(p -> p.detection().confidence() >= TrackerSettings.SURE_SCORE)) {
            return false;
        }
        double[] heights = points.stream().mapToDouble(p -> p.detection().box().height()).sorted().toArray();
        return heights[heights.length / 2] >= TrackerSettings.WEAK_MIN_HEIGHT;
    }

    private static TrackPoint last(List<TrackPoint> track) {
        return track.get(track.size() - 1);
    }

    private record Candidate(int track, int detection, double score) {
    }
}
