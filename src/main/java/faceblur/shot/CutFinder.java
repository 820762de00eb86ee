package faceblur.shot;

import java.util.ArrayList;
import java.util.List;

/** Takes a video's frames in order and notes each frame that starts a new shot, and how far each one moved. */
public final class CutFinder {

    private final List<Long> cuts = new ArrayList<>();
    private final List<FrameShift> shifts = new ArrayList<>();
    private Thumbnail first;
    private Thumbnail last;

    public void add(Thumbnail frame) {
        if (last == null) {
            first = frame;
            shifts.add(new FrameShift(frame.micros(), 0, 0));
        } else {
            ShotCut.Comparison c = ShotCut.compare(last, frame);
            if (c.isCut()) {
                cuts.add(frame.micros());
            }
            shifts.add(c.shift(frame.micros()));
        }
        last = frame;
    }

    /** The times of the frames that started a new shot, the first frame not counted. */
    public List<Long> cuts() {
        return List.copyOf(cuts);
    }

    /** The cuts and the camera's coarse pan, for a picture {@code width} x {@code height}. */
    public PictureCues cues(int width, int height) {
        return PictureCues.of(cuts, shifts, width, height);
    }

    /** Every frame's shift from the one before, in order. */
    public List<FrameShift> shifts() {
        return List.copyOf(shifts);
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
