package faceblur.text;

import faceblur.FaceblurException;

/**
 * How the text detector runs.
 *
 * @param maxSide        the picture is shrunk so that its long side is at most this (pixels) before detection,
 *                       each side then rounded up to a multiple of 32: the network's cost grows with its input, so
 *                       this bounds it whatever the frame size
 * @param pixelThreshold a pixel of the probability map at or above this is text
 * @param boxThreshold   a region whose mean probability is below this is dropped
 * @param threads        ONNX Runtime threads for one picture
 */
public record TextSettings(int maxSide, double pixelThreshold, double boxThreshold, int threads) {

    /*
     * PaddleOCR's own defaults are 960 / 0.3 / 0.6. The box threshold is lower here: a missed plate is worse
     * than a hidden patch of wall (measured on bench/plates: see bench/results/plates.md).
     */
    public static final int DEFAULT_MAX_SIDE = 960;
    public static final double DEFAULT_PIXEL_THRESHOLD = 0.3;
    public static final double DEFAULT_BOX_THRESHOLD = 0.5;

    public TextSettings {
        if (maxSide < 64 || maxSide > 4096) {
            throw new FaceblurException("--text-size must be between 64 and 4096, got " + maxSide);
        }
        if (pixelThreshold <= 0 || pixelThreshold >= 1 || boxThreshold < 0 || boxThreshold >= 1) {
            throw new FaceblurException("text thresholds must be between 0 and 1, got " + pixelThreshold
                    + " and " + boxThreshold);
        }
        if (threads < 1) {
            throw new FaceblurException("--threads must be at least 1, got " + threads);
        }
    }

    public static TextSettings defaults(int threads) {
        return new TextSettings(DEFAULT_MAX_SIDE, DEFAULT_PIXEL_THRESHOLD, DEFAULT_BOX_THRESHOLD, threads);
    }
}
