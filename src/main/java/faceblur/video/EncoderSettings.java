package faceblur.video;

import faceblur.FaceblurException;

import java.util.List;

/**
 * How the output is written: how x264 encodes it, and which of the source's tags it carries.
 *
 * @param crf      constant rate factor, 0 (lossless) to 51; lower is better quality and larger files
 * @param preset   x264's speed preset, {@code ultrafast} to {@code veryslow}
 * @param threads  encoder threads, 0 for as many as x264 chooses
 * @param metadata which of the source's tags go into the output: none that identify anyone, unless asked
 */
public record EncoderSettings(int crf, String preset, int threads, MetadataPolicy metadata) {

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
        if (metadata == null) {
            throw new IllegalArgumentException("metadata policy missing");
        }
    }

    /** Settings that strip identifying tags, the default everywhere. */
    public EncoderSettings(int crf, String preset, int threads) {
        this(crf, preset, threads, MetadataPolicy.STRIP);
    }

    public static EncoderSettings defaults() {
        return new EncoderSettings(18, "veryfast", 0);
    }

    /** The same settings on {@code n} threads: x264's output depends on its thread count. */
    public EncoderSettings withThreads(int n) {
        return new EncoderSettings(crf, preset, n, metadata);
    }
}
