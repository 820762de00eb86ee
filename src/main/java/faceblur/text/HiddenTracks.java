package faceblur.text;

import faceblur.redact.RedactionSettings;
import faceblur.track.Track;
import faceblur.track.TrackPoint;

import java.util.ArrayList;
import java.util.List;

/**
 * The tracks a render hides: faces and text together, text numbered after the faces so no two share an id
 * ({@code detect} writes these ids), each text box made the face mask that covers it ({@link TextMasks}). Masks
 * are made after tracking: scaling a box about its centre commutes with interpolation and the camera's moves, so
 * the text is followed on its own boxes, the ones {@code detect} writes and {@code redact} reads back.
 */
public final class HiddenTracks {

    private HiddenTracks() {
    }

    /** The text tracks numbered after the faces, boxes still the text's own. */
    public static List<Track> numberedAfter(List<Track> faces, List<Track> text) {
        List<Track> numbered = new ArrayList<>(text.size());
        int next = faces.stream().mapToInt(Track::id).max().orElse(0) + 1;
        for (Track t : text) {
            numbered.add(new Track(next++, t.points(), t.extendBeforeMicros(), t.extendAfterMicros(), t.camera()));
        }
        return numbered;
    }

    /** Faces and text (ids as they are), the text as masks for {@code redaction}. */
    public static List<Track> of(List<Track> faces, List<Track> text, RedactionSettings redaction) {
        List<Track> all = new ArrayList<>(faces);
        all.addAll(masks(text, redaction));
        return all;
    }

    /** Each text track with its boxes made the masks {@code redaction} draws over the whole text; ids kept. */
    public static List<Track> masks(List<Track> text, RedactionSettings redaction) {
        List<Track> masked = new ArrayList<>(text.size());
        for (Track t : text) {
            List<TrackPoint> points = t.points().stream()
                    .map(p -> new TrackPoint(p.micros(), TextMasks.forFaceMask(p.detection(), redaction))).toList();
            masked.add(new Track(t.id(), points, t.extendBeforeMicros(), t.extendAfterMicros(), t.camera()));
        }
        return masked;
    }
}
