package faceblur.shot;

import java.util.List;

/**
 * What the frames' pictures tell the tracker besides the faces: where shots change, and how the camera panned.
 */
public record PictureCues(Shots shots, CoarseMotion motion) {

    /** Nothing known: one shot, motion unknown. */
    public static final PictureCues NONE = new PictureCues(Shots.ONE, CoarseMotion.UNKNOWN);

    /** From the cut times and every frame's shift of a picture {@code width} x {@code height}. */
    public static PictureCues of(List<Long> cuts, List<FrameShift> shifts, int width, int height) {
        return new PictureCues(new Shots(cuts), CoarseMotion.of(shifts, width, height));
    }
}
