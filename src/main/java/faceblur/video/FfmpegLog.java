package faceblur.video;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg's own logging is silenced: faceblur reports failures itself, in one line each. */
final class FfmpegLog {

    private static volatile boolean quiet;

    private FfmpegLog() {
    }

    static void quiet() {
        if (!quiet) {
            avutil.av_log_set_level(avutil.AV_LOG_QUIET);
            quiet = true;
        }
    }

    /** FFmpeg's text for a negative error code. */
    static String errorText(int code) {
        byte[] buffer = new byte[256];
        avutil.av_strerror(code, buffer, buffer.length);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end) + " (" + code + ")";
    }
}
