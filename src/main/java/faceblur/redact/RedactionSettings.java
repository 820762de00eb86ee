package faceblur.redact;

import faceblur.FaceblurException;

/**
 * What the hidden area looks like.
 *
 * @param style     blur, pixelate or fill
 * @param shape     ellipse or box
 * @param maskScale each face box is enlarged by this factor about its centre before hiding, to take in hair,
 *                  ears and the detector's imprecision
 */
public record RedactionSettings(Style style, Shape shape, double maskScale) {

    public static final double DEFAULT_MASK_SCALE = 1.3;

    public RedactionSettings {
        if (maskScale < 0.5 || maskScale > 4) {
            throw new FaceblurException("--mask-scale must be between 0.5 and 4, got " + maskScale);
        }
    }

    public static RedactionSettings defaults() {
        return new RedactionSettings(Style.BLUR, Shape.ELLIPSE, DEFAULT_MASK_SCALE);
    }
}
