package faceblur.review;

/**
 * What a person of the review is: a face, or text (a licence plate, a shop sign, a name badge, a screen). Both are
 * found, tracked, kept or hidden alike; text is hidden over its whole box ({@code faceblur.text.HiddenTracks}), is
 * never merged with a face, and is counted apart in the page and the report.
 */
public enum Kind {
    FACE,
    TEXT
}
