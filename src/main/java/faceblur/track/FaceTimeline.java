package faceblur.track;

import faceblur.detect.Box;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Answers "which faces are on screen at this time?" for any time, in any order: the renderer asks frame after
 * frame, the studio asks for the frame a person seeks to. Faces come in one fixed order, that of their tracks'
 * first covered time, so that overlapping masks are drawn alike whoever asks.
 */
public final class FaceTimeline {

    /** Box sizes are smoothed over this many sightings either side. */
    static final int SMOOTHING_RADIUS = 2;

    /** Tracks are indexed by the seconds they cover, so a question looks at the few tracks near its time. */
    private static final long BUCKET_MICROS = 1_000_000;

    /**
     * The boxes hiding one track's face at one time, and the detector's score there (NaN where the face was not
     * seen at that time: the tracker carries it between sightings or holds it before and after).
     */
    public record TrackFaces(int trackId, List<Box> boxes, double score) {
        public TrackFaces {
            boxes = List.copyOf(boxes);
        }
    }

    /**
     * A weak hidden box (its track never scored {@link TrackerSettings#SURE_SCORE}) that lies this much inside a
     * kept face's box, enlarged by {@link #KEPT_MARGIN}, belongs to that face: a hand or a microphone in front of
     * it. A sure face is another person however it overlaps: on megamind.mp4 a woman's face (0.92) lies 62 %
     * inside a large false detection over her hair.
     */
    static final double INSIDE_KEPT = 0.6;
    /** A kept face's box enlarged by this much, for the detector's jitter from frame to frame. */
    static final double KEPT_MARGIN = 1.1;
    /** A hidden box overlapping a kept face this much (IoU) is a second detection of that face, however sure. */
    static final double SAME_FACE_IOU = 0.5;

    private final List<Track> byStart;
    /** Each track's best score, in the order of {@link #byStart}: asked on every frame a kept face is on. */
    private final double[] bestScores;
    private final long firstBucket;
    private final int[][] buckets;
    private final FaceTimeline kept;

    public FaceTimeline(List<Track> tracks) {
        this(tracks, null);
    }

    /**
     * The faces of {@code hidden}, less what belongs to a face of {@code kept} on each frame: a person left visible
     * stays visible where a hand, a microphone or a second detection of their face crosses them. Another sure
     * face overlapping a kept one is still hidden.
     */
    public static FaceTimeline sparing(List<Track> hidden, List<Track> kept) {
        return kept.isEmpty() ? new FaceTimeline(hidden) : new FaceTimeline(hidden, new FaceTimeline(kept));
    }

    private FaceTimeline(List<Track> tracks, FaceTimeline kept) {
        this.kept = kept;
        this.byStart = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            byStart.add(t.withSmoothedSizes(SMOOTHING_RADIUS));
        }
        byStart.sort(Comparator.comparingLong(Track::startMicros));
        bestScores = byStart.stream().mapToDouble(Track::bestScore).toArray();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Track t : byStart) {
            first = Math.min(first, bucket(t.startMicros()));
            last = Math.max(last, bucket(t.endMicros()));
        }
        firstBucket = byStart.isEmpty() ? 0 : first;
        int[] counts = new int[byStart.isEmpty() ? 0 : Math.toIntExact(last - first + 1)];
        for (Track t : byStart) {
            for (long b = bucket(t.startMicros()); b <= bucket(t.endMicros()); b++) {
                counts[(int) (b - firstBucket)]++;
            }
        }
        buckets = new int[counts.length][];
        for (int b = 0; b < counts.length; b++) {
            buckets[b] = new int[counts[b]];
            counts[b] = 0;
        }
        // Filled in start order, so each bucket lists its tracks in the order faces are drawn.
        for (int i = 0; i < byStart.size(); i++) {
            Track t = byStart.get(i);
            for (long b = bucket(t.startMicros()); b <= bucket(t.endMicros()); b++) {
                int k = (int) (b - firstBucket);
                buckets[k][counts[k]++] = i;
            }
        }
    }

    private static long bucket(long micros) {
        return Math.floorDiv(micros, BUCKET_MICROS);
    }

    /** The face boxes at {@code micros}, in drawing order. */
    public List<Box> boxesAt(long micros) {
        List<Box> boxes = new ArrayList<>();
        for (TrackFaces f : facesAt(micros)) {
            boxes.addAll(f.boxes());
        }
        return boxes;
    }

    /** The faces at {@code micros} by track, in drawing order. */
    public List<TrackFaces> facesAt(long micros) {
        long k = bucket(micros) - firstBucket;
        if (k < 0 || k >= buckets.length) {
            return List.of();
        }
        List<Box> spared = kept == null ? List.of() : kept.boxesAt(micros);
        List<TrackFaces> faces = new ArrayList<>();
        for (int i : buckets[(int) k]) {
            Track t = byStart.get(i);
            if (t.covers(micros)) {
                List<Box> boxes = t.boxesAt(micros);
                if (!spared.isEmpty()) {
                    boolean weak = bestScores[i] < TrackerSettings.SURE_SCORE;
                    boxes = boxes.stream().filter(b -> !partOfKeptFace(b, weak, spared)).toList();
                }
                if (!boxes.isEmpty()) {
                    faces.add(new TrackFaces(t.id(), boxes, t.scoreAt(micros)));
                }
            }
        }
        return faces;
    }

    /**
     * Whether {@code box} belongs to one of the kept faces: the same face found twice, or, for a {@code weak}
     * track, something lying mostly inside it.
     */
    static boolean partOfKeptFace(Box box, boolean weak, List<Box> keptFaces) {
        for (Box face : keptFaces) {
            if (partOfFace(box, face, weak)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code box} belongs to {@code face}: a second detection of it (IoU {@link #SAME_FACE_IOU}), or, when
     * {@code weak}, something lying {@link #INSIDE_KEPT} inside it (its box enlarged by {@link #KEPT_MARGIN}).
     */
    static boolean partOfFace(Box box, Box face, boolean weak) {
        return box.iou(face) >= SAME_FACE_IOU
                || weak && box.intersectionArea(face.scaledAboutCenter(KEPT_MARGIN)) >= INSIDE_KEPT * box.area();
    }
}
