package faceblur.engine;

import faceblur.video.VideoInfo;

/** Frame-count arithmetic shared by the passes. */
final class Frames {

    private Frames() {
    }

    /** The number of frames to expect, for progress bars: declared, else duration times rate, else -1. */
    static long estimate(VideoInfo info) {
        if (info.declaredFrames() > 0) {
            return info.declaredFrames();
        }
        if (info.durationMicros() > 0 && info.frameRate().isValid()) {
            return Math.round(info.durationMicros() / 1e6 * info.frameRate().toDouble());
        }
        return -1;
    }
}
