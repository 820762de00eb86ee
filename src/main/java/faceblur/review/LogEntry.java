package faceblur.review;

/**
 * One decision in a review, as the audit report tells it.
 *
 * @param at        when (ISO-8601, UTC)
 * @param by        who: the signed-in access key, or the local user
 * @param action    what, as a short verb ("keep", "merge", "draw", "delete frames", "export"...)
 * @param person    the person it concerned, or null
 * @param track     the track it concerned, or null
 * @param fromFrame the first frame it concerned, or null
 * @param toFrame   the last frame it concerned, or null
 * @param detail    anything more, in words, or null
 */
public record LogEntry(String at, String by, String action, Integer person, Integer track, Integer fromFrame,
                       Integer toFrame, String detail) {
}
