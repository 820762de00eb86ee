package faceblur.shot;

/**
 * What the frames' pictures tell the tracker besides the faces: where shots change, and how the camera panned.
 */
public record PictureCues(Shots shots, CoarseMotion motion) {

    /** Nothing known: one shot, motion unknown. */
    public static final PictureCues NONE = new PictureCues(Shots.ONE, CoarseMotion.UNKNOWN);
}
