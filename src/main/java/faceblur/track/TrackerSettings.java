package faceblur.track;

/**
 * How detections become tracks and how far tracks reach.
 *
 * @param maxGapMicros  a face unseen for longer than this ends its track; shorter gaps are filled by
 *                      interpolation
 * @param extendMicros  each track is held this long before its first and after its last sighting, so the
 *                      frames where a face enters, turns or leaves are still covered
 * @param minIou        a detection continues a track when it overlaps the track's predicted box at least
 *                      this much (or its centre lies within one box size of it)
 * @param minSightings  a track seen on fewer frames than this, none of them with a score of at least
 *                      {@link #SURE_SCORE}, its boxes {@link #WEAK_MIN_HEIGHT} px high or more, is taken for a
 *                      false detection and dropped (1 keeps every track)
 */
public record TrackerSettings(long maxGapMicros, long extendMicros, double minIou, int minSightings) {

    /*
     * Chosen on the moving test videos (bench/report), which are also what the README's numbers score. Tracks
     * follow the camera, so a face held or interpolated for seconds stays where it stands in the scene; going
     * from 1 s / 0.5 s at threshold 0.4 to 3 s / 2 s at threshold 0.3 left 2.2 % instead of 4.0 % of faces visible, for more
     * of the picture blurred around them (34-39 % instead of 18-23 % on the two densest clips).
     */
    public static final long DEFAULT_MAX_GAP_MICROS = 3_000_000;
    public static final long DEFAULT_EXTEND_MICROS = 2_000_000;

    /*
     * On the real clips people marked (bench/real, 3,672 face-frames), a track seen on fewer than 3 frames with
     * no sure score, 40 px high or more, was a false one far more often than a face: hands, legs, a table, a
     * lamp, each blurred for the whole extension and each a row for a reviewer. With 3 (and duplicates folded
     * into the face they repeat), false tracks fell from 77 to 43 on the ten clips with recognisable faces, none
     * of whose faces was left visible either way; on the crowds of seeds 1 and 2 (bench/settings) faces of 24 px
     * and more left visible were 0.17 % / 0.23 % (0.20 % / 0.29 % with 1). A person kept in the studio is no
     * longer blurred by such a track where it crosses them (FaceTimeline.sparing), which kept the default at 1.
     */
    public static final int DEFAULT_MIN_SIGHTINGS = 3;
    /**
     * Only tracks this high (px, median over their sightings) or more are dropped as too brief and weak: the
     * false tracks of the real clips were 40-380 px high, while a far face of 10-15 px is boxed up to about 30 px
     * by the detector (with 24, vtest.avi left 25 more face-frames visible than with every track kept).
     */
    public static final double WEAK_MIN_HEIGHT = 40;
    /** A track with a sighting scored this high is kept however short. */
    public static final double SURE_SCORE = 0.5;

    public TrackerSettings {
        if (maxGapMicros < 0 || extendMicros < 0) {
            throw new IllegalArgumentException("gap and extension must not be negative");
        }
        if (minSightings < 1) {
            throw new IllegalArgumentException("a track has at least one sighting");
        }
    }

    /** Settings that keep every track. */
    public TrackerSettings(long maxGapMicros, long extendMicros, double minIou) {
        this(maxGapMicros, extendMicros, minIou, 1);
    }

    public static TrackerSettings defaults() {
        return new TrackerSettings(DEFAULT_MAX_GAP_MICROS, DEFAULT_EXTEND_MICROS, 0.2, DEFAULT_MIN_SIGHTINGS);
    }
}
