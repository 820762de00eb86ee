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

    /** The number of frames to expect between two times (micros from the first frame), or -1 when unknown. */
    static long estimate(VideoInfo info, long startMicros, long endMicros) {
        long whole = estimate(info);
        if (whole < 0 || !info.frameRate().isValid()) {
            return -1;
        }
        double rate = info.frameRate().toDouble() / 1e6;
        long end = endMicros == Long.MAX_VALUE ? whole : Math.min(whole, Math.round(endMicros * rate));
        return Math.max(0, end - Math.round(startMicros * rate));
    }
}
