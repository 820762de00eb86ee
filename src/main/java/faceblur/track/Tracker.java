package faceblur.track;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.shot.PictureCues;
import faceblur.shot.Shots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Links detections into tracks, greedily and offline: each observation's detections are matched to the open
 * tracks by overlap with where each track is predicted to be, best match first; the rest start new tracks.
 * Every detection ends up in exactly one track, so linking can only add coverage, never drop a face. A cut
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
            for (int t = 0; t < open.size(); t++) {
                List<TrackPoint> track = open.get(t);
                if (last(track).micros() == now) {
                    continue;
                }
                List<Box> predicted = predict(track, now, camera);
                for (int d = 0; d < obs.detections().size(); d++) {
                    Box detected = obs.detections().get(d).box();
                    double score = 0;
                    for (Box p : predicted) {
                        score = Math.max(score, matchScore(p, detected, settings.minIou()));
                    }
                    if (score > 0) {
                        candidates.add(new Candidate(t, d, score));
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

    private static TrackPoint last(List<TrackPoint> track) {
        return track.get(track.size() - 1);
    }

    private record Candidate(int track, int detection, double score) {
    }
}
