package faceblur.shot;

import java.util.ArrayList;
import java.util.List;

/** Takes a video's frames in order and notes each frame that starts a new shot. */
public final class CutFinder {

    private final List<Long> cuts = new ArrayList<>();
    private Thumbnail first;
    private Thumbnail last;

    public void add(Thumbnail frame) {
        if (last == null) {
            first = frame;
        } else if (ShotCut.between(last, frame)) {
            cuts.add(frame.micros());
        }
        last = frame;
    }

    /** The times of the frames that started a new shot, the first frame not counted. */
    public List<Long> cuts() {
        return List.copyOf(cuts);
    }

    /** The first frame's thumbnail; null before any frame. */
    public Thumbnail first() {
        return first;
    }

    /** The last frame's thumbnail; null before any frame. */
    public Thumbnail last() {
        return last;
    }
}
