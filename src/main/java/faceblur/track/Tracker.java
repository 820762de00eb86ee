package faceblur.track;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.shot.PictureCues;
import faceblur.shot.Shots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

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
        closed.sort(Comparator.comparingLong((List<TrackPoint> t) -> t.get(0).micros()));
        List<Track> tracks = new ArrayList<>(closed.size());
        for (List<TrackPoint> points : closed) {
            if (weak(points, settings)) {
                continue;
            }
            long first = points.get(0).micros();
            long last = last(points).micros();
            long shotStart = shots.shotStart(first);
            long nextCut = shots.nextCut(last);
            long before = Track.extensionBefore(first, shotStart, settings.extendMicros());
            long after = Track.extensionAfter(last, nextCut == Long.MAX_VALUE ? Long.MAX_VALUE : nextCut - 1,
                    settings.extendMicros());
            tracks.add(new Track(tracks.size() + 1, points, before, after, camera));
        }
        return tracks;
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

    /** Too few sightings, none of them sure: a false detection, most likely. */
    private static boolean weak(List<TrackPoint> points, TrackerSettings settings) {
        return points.size() < settings.minSightings()
                && points.stream().allMatch(p -> p.detection().confidence() < TrackerSettings.SURE_SCORE);
    }

    private static TrackPoint last(List<TrackPoint> track) {
        return track.get(track.size() - 1);
    }

    private record Candidate(int track, int detection, double score) {
    }
}
