package faceblur.redact;

import java.util.Locale;

/** How a face is hidden. */
public enum Style {
    /** A blur so strong that only a few colours of the face remain. */
    BLUR,
    /** Large blocks, about ten across the mask. */
    PIXELATE,
    /** A solid colour (black unless chosen). */
    FILL,
    /**
     * Nothing hidden: each mask's outline with its track and the detector's score, to see what the engine
     * found and tune the threshold. Never for publishing.
     */
    OUTLINE;

    /** Whether this style hides faces (every one but {@link #OUTLINE}). */
    public boolean hides() {
        return this != OUTLINE;
    }

    /** As typed on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
