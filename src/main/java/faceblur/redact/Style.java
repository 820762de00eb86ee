package faceblur.redact;

/** How a face is hidden. */
public enum Style {
    /** A blur so strong that only a few colours of the face remain. */
    BLUR,
    /** Large blocks, about ten across the mask. */
    PIXELATE,
    /** A solid black area. */
    FILL
}
