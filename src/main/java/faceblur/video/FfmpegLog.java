package faceblur.video;

import org.bytedeco.ffmpeg.global.avutil;

import java.nio.file.Path;
import java.util.Map;

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

    /** Errors of the file being written, by errno: never the input's fault, whatever stream was being written. */
    private static final Map<Integer, String> WRITE_ERRORS = Map.of(28, "no space left on device",
            122, "disk quota exceeded", 27, "file too large for the file system", 30, "read-only file system",
            5, "input/output error");

    /**
     * When {@code code} is a failure of writing the output (disk full, quota, I/O), what to say: the reason and
     * the output's name, without the temporary file's dot and suffix ({@code .NAME.PID-RANDOM.partial}); else null.
     */
    static String writeFailure(int code, Path written) {
        String reason = WRITE_ERRORS.get(-code);
        if (reason == null) {
            return null;
        }
        String name = written.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".partial")) {
            String inner = name.substring(1, name.length() - ".partial".length());
            name = inner.lastIndexOf('.') > 0 ? inner.substring(0, inner.lastIndexOf('.')) : inner;
        }
        return reason + " writing " + written.resolveSibling(name);
    }
}
