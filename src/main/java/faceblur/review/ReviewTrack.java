package faceblur.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One track of a review: a piece of a track the engine found, or a face the reviewer drew.
 *
 * @param id           unique in the project; split and drawn tracks get new ones
 * @param person       the {@link Person} it belongs to
 * @param detected     the id of the found track it is a piece of, or null for a drawn one
 * @param from         the piece takes the found track's sightings from this time (microseconds) ...
 * @param to           ... to this one, both included
 * @param extendBefore how long the mask is held before the piece's first sighting
 * @param extendAfter  how long after its last
 * @param adjustments  the reviewer's corrections of its box, in time order
 * @param drawn        a drawn face's boxes, or null for a found one
 * @param deleted      the reviewer deleted it: it hides nothing (kept so that it can be restored)
 */
public record ReviewTrack(int id, int person, Integer detected, long from, long to, long extendBefore,
                          long extendAfter, List<BoxAdjustment> adjustments, DrawnPath drawn, boolean deleted) {

    public ReviewTrack {
        List<BoxAdjustment> sorted = new ArrayList<>(adjustments);
        sorted.sort(Comparator.comparingLong(BoxAdjustment::micros));
        adjustments = List.copyOf(sorted);
        if ((detected == null) == (drawn == null)) {
            throw new IllegalArgumentException("a track is either found or drawn");
        }
    }

    static ReviewTrack found(int id, int person, int detected, long from, long to, long before, long after,
                             List<BoxAdjustment> adjustments) {
        return new ReviewTrack(id, person, detected, from, to, before, after, adjustments, null, false);
    }

    static ReviewTrack drawn(int id, int person, DrawnPath path) {
        return new ReviewTrack(id, person, null, 0, 0, 0, 0, List.of(), path, false);
    }

    public boolean isDrawn() {
        return drawn != null;
    }

    ReviewTrack withPerson(int p) {
        return withIdentity(id, p);
    }

    /** The same track under another id and person: one part of a track that was cut in two. */
    ReviewTrack withIdentity(int newId, int p) {
        return new ReviewTrack(newId, p, detected, from, to, extendBefore, extendAfter, adjustments, drawn, deleted);
    }

    ReviewTrack withDeleted(boolean d) {
        return new ReviewTrack(id, person, detected, from, to, extendBefore, extendAfter, adjustments, drawn, d);
    }

    ReviewTrack withDrawn(DrawnPath path) {
        return new ReviewTrack(id, person, null, 0, 0, 0, 0, List.of(), path, deleted);
    }

    ReviewTrack withAdjustments(List<BoxAdjustment> list) {
        return new ReviewTrack(id, person, detected, from, to, extendBefore, extendAfter, list, drawn, deleted);
    }
}
