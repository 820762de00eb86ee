package faceblur.engine;

import faceblur.FaceblurException;
import faceblur.detect.DetectorSettings;

/**
 * Which frames the detector looks at, and at what size. A face of 20 px and more is found as well in a picture
 * shrunk to half its size, for a quarter of the work; only smaller faces need the detector's full size. So the
 * full-size pass runs on every {@code fullEvery}-th frame looked at, a half-size pass on the others, and each
 * small face's track carries it across the frames between its full-size sightings.
 *
 * @param every     the detector looks at every this-many frames (1: all)
 * @param fullEvery of the frames looked at, every this-many gets the full-size pass (1: all)
 */
public record DetectionSchedule(int every, int fullEvery) {

    /** The cheaper pass's size relative to the full one. */
    static final double HALF = 0.5;

    public DetectionSchedule {
        if (every < 1) {
            throw new FaceblurException("--detect-every must be at least 1, got " + every);
        }
        if (fullEvery < 1) {
            throw new FaceblurException("--full-every must be at least 1, got " + fullEvery);
        }
    }

    /*
     * Chosen on the moving test videos of seeds 1 and 2 (bench/settings, eight clips): at 2, 0.20 % and
     * 0.29 % of faces of 24 px and more stayed visible, against 0.61 % and 0.91 % with the full size on every
     * frame: the half-size pass finds large faces the full-size one misses. 3
     * left about as few (0.21 % / 0.24 %).
     */
    public static final int DEFAULT_FULL_EVERY = 2;

    public static DetectionSchedule defaults() {
        return new DetectionSchedule(1, DEFAULT_FULL_EVERY);
    }

    /** The detector at full size on every frame. */
    public static DetectionSchedule everyFrame() {
        return new DetectionSchedule(1, 1);
    }

    /** Whether every frame is treated alike, so that where a pass over part of the video starts does not matter. */
    boolean uniform() {
        return every == 1 && fullEvery == 1;
    }

    /**
     * The factor frame {@code index} is enlarged by before detection, or 0 when it is not looked at: the
     * detector's {@code upscale} on full-size frames, half of it (no less than the smallest allowed) between.
     */
    double scaleFor(int index, double upscale) {
        if (index % every != 0) {
            return 0;
        }
        if ((index / every) % fullEvery == 0) {
            return upscale;
        }
        return Math.max(DetectorSettings.MIN_UPSCALE, upscale * HALF);
    }
}
