package faceblur.text;

import faceblur.track.Track;

import java.util.ArrayList;
import java.util.List;

/** The tracks a render hides: faces and text together, text numbered after the faces so no two share an id. */
public final class HiddenTracks {

    private HiddenTracks() {
    }

    public static List<Track> of(List<Track> faces, List<Track> text) {
        List<Track> all = new ArrayList<>(faces);
        int next = faces.stream().mapToInt(Track::id).max().orElse(0) + 1;
        for (Track t : text) {
            all.add(new Track(next++, t.points(), t.extendBeforeMicros(), t.extendAfterMicros(), t.camera()));
        }
        return all;
    }
}
