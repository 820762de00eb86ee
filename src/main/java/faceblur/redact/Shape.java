package faceblur.redact;

/** The outline of the hidden area. */
public enum Shape {
    /** An ellipse inside the face box: follows a head's outline. */
    ELLIPSE,
    /** The whole box. */
    BOX
}
