package faceblur.follow;

import faceblur.detect.Box;

/**
 * The followed box on one frame.
 *
 * @param frame  the frame's index from 0 in decode order
 * @param micros when the frame is shown, as {@link faceblur.video.DecodedFrame#micros()} says it
 * @param box    in the frame's pixels, as the tracker found it (not clipped to the picture)
 */
public record FollowedBox(int frame, long micros, Box box) {
}
