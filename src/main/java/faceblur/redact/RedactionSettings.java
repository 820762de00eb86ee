package faceblur.redact;

import faceblur.FaceblurException;
import faceblur.video.Rgb;

/**
 * What the hidden area looks like.
 *
 * @param style        blur, pixelate, fill or outline
 * @param shape        ellipse or box
 * @param maskScale    each face box is enlarged by this factor about its centre before hiding, to take in hair,
 *                     ears and the detector's imprecision
 * @param blurStrength how many cells of colour a blur leaves across the mask
 * @param pixelBlocks  how many blocks a pixelation has across the mask
 * @param fillColour   the colour of a fill
 */
public record RedactionSettings(Style style, Shape shape, double maskScale, BlurStrength blurStrength, int pixelBlocks,
                                Rgb fillColour) {

    public static final double DEFAULT_MASK_SCALE = 1.3;
    public static final int DEFAULT_PIXEL_BLOCKS = 10;
    /** Fewer blocks than this show no face at all; more than this can leave one recognisable. */
    public static final int MIN_PIXEL_BLOCKS = 4;
    public static final int MAX_PIXEL_BLOCKS = 24;

    public RedactionSettings {
        if (maskScale < 0.5 || maskScale > 4) {
            throw new FaceblurException("--mask-scale must be between 0.5 and 4, got " + maskScale);
        }
        // Projects saved before these existed have none: they were made with the defaults.
        blurStrength = blurStrength == null ? BlurStrength.HIGH : blurStrength;
        pixelBlocks = pixelBlocks == 0 ? DEFAULT_PIXEL_BLOCKS : pixelBlocks;
        fillColour = fillColour == null ? Rgb.BLACK : fillColour;
        if (pixelBlocks < MIN_PIXEL_BLOCKS || pixelBlocks > MAX_PIXEL_BLOCKS) {
            throw new FaceblurException("--pixel-blocks must be between " + MIN_PIXEL_BLOCKS + " and "
                    + MAX_PIXEL_BLOCKS + ", got " + pixelBlocks);
        }
    }

    /** The given style, shape and scale with the default strength, blocks and colour. */
    public RedactionSettings(Style style, Shape shape, double maskScale) {
        this(style, shape, maskScale, BlurStrength.HIGH, DEFAULT_PIXEL_BLOCKS, Rgb.BLACK);
    }

    public static RedactionSettings defaults() {
        return new RedactionSettings(Style.BLUR, Shape.ELLIPSE, DEFAULT_MASK_SCALE);
    }

    /** These settings with another style, shape and scale; strength, blocks and colour stay. */
    public RedactionSettings with(Style newStyle, Shape newShape, double newScale) {
        return new RedactionSettings(newStyle, newShape, newScale, blurStrength, pixelBlocks, fillColour);
    }
}
