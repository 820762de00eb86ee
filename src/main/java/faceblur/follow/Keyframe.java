package faceblur.follow;

import faceblur.detect.Box;

/**
 * A box a person set on one frame; the followed path passes through it exactly.
 *
 * @param frame the frame's index from 0 in decode order, as {@link faceblur.video.DecodedFrame#index()} says it
 * @param box   in the frame's pixels
 */
public record Keyframe(int frame, Box box) {

    public Keyframe {
        if (frame < 0) {
            throw new IllegalArgumentException("a keyframe's frame is counted from 0, got " + frame);
        }
        if (!(box.width() > 0 && box.height() > 0)) {
            throw new IllegalArgumentException("the box on frame " + frame + " is empty: " + box);
        }
    }
}
