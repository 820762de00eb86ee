package faceblur.engine;

import faceblur.video.DecodedFrame;

/**
 * Something else that looks at the analysis pass's decoded frames, so a second detector (text) needs no
 * decoding pass of its own. Called on the decoding thread with each frame, which is reused afterwards: keep a
 * clone of what is needed.
 */
@FunctionalInterface
public interface FrameWatcher {

    FrameWatcher NONE = frame -> {
    };

    void frame(DecodedFrame frame);
}
