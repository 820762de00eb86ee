package faceblur.video;

import faceblur.FaceblurException;

import java.util.List;

/**
 * How x264 encodes the output.
 *
 * @param crf     constant rate factor, 0 (lossless) to 51; lower is better quality and larger files
 * @param preset  x264's speed preset, {@code ultrafast} to {@code veryslow}
 * @param threads encoder threads, 0 for as many as x264 chooses
 */
public record EncoderSettings(int crf, String preset, int threads) {

    public static final List<String> PRESETS = List.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow", "placebo");

    public EncoderSettings {
        if (crf < 0 || crf > 51) {
            throw new FaceblurException("--crf must be between 0 and 51, got " + crf);
        }
        if (!PRESETS.contains(preset)) {
            throw new FaceblurException("--preset must be one of " + String.join(", ", PRESETS) + "; got " + preset);
        }
        if (threads < 0) {
            throw new FaceblurException("--threads must be 0 or more, got " + threads);
        }
    }

    public static EncoderSettings defaults() {
        return new EncoderSettings(18, "veryfast", 0);
    }

    /** The same settings on {@code n} threads: x264's output depends on its thread count. */
    public EncoderSettings withThreads(int n) {
        return new EncoderSettings(crf, preset, n);
    }
}
