package faceblur.detect;

import faceblur.FaceblurException;

/**
 * How the face detector runs.
 *
 * @param threshold the lowest score kept, 0 to 1; low by default because a missed face is worse than a
 *                  blurred patch of wall
 * @param nmsIou    overlapping candidates above this intersection-over-union are merged into the best one
 * @param upscale   the image is enlarged by this factor before detection (1 = native resolution); faces
 *                  smaller than about 10 px are found only when enlarged
 * @param threads   inference threads
 */
public record DetectorSettings(double threshold, double nmsIou, double upscale, int threads) {

    public static final double DEFAULT_THRESHOLD = 0.3;

    public DetectorSettings {
        if (threshold < 0 || threshold > 1) {
            throw new FaceblurException("--threshold must be between 0 and 1, got " + threshold);
        }
        if (upscale < 0.25 || upscale > 4) {
            throw new FaceblurException("--upscale must be between 0.25 and 4, got " + upscale);
        }
        if (threads < 1) {
            throw new FaceblurException("--threads must be at least 1, got " + threads);
        }
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(DEFAULT_THRESHOLD, 0.3, 1.0, Runtime.getRuntime().availableProcessors());
    }
}
