package faceblur.video;

import org.bytedeco.ffmpeg.global.avutil;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");

    /**
     * The useful part of an FFmpeg or JavaCV error message: FFmpeg's own words for the error code when there
     * is one, rather than JavaCV's hints to its programmers.
     */
    static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher code = ERROR_CODE.matcher(message);
        if (code.find()) {
            return errorText(Integer.parseInt(code.group(1)));
        }
        return message.replaceAll("\\s+", " ").trim();
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
