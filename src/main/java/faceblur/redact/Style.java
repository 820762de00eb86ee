package faceblur.redact;

import java.util.Locale;

/** How a face is hidden. */
public enum Style {
    /** A blur so strong that only a few colours of the face remain. */
    BLUR,
    /** Large blocks, about ten across the mask. */
    PIXELATE,
    /** A solid black area. */
    FILL;

    /** As typed on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
