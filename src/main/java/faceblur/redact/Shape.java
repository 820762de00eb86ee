package faceblur.redact;

import java.util.Locale;

/** The outline of the hidden area. */
public enum Shape {
    /** An ellipse inside the face box: follows a head's outline. */
    ELLIPSE,
    /** The whole box. */
    BOX;

    /** As typed on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
