package faceblur.review;

/** What happens to a person's face in the export. Every person starts hidden: only a person's choice shows one. */
public enum Decision {
    BLUR,
    KEEP
}
