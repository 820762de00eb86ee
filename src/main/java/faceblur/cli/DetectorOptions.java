package faceblur.cli;

import faceblur.detect.DetectorPool;
import faceblur.detect.DetectorSettings;
import faceblur.detect.ModelLocator;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of the face detector on single images: shared by every command that detects, videos or photos. */
class DetectorOptions {

    @Option(names = "--threshold", paramLabel = "SCORE",
            description = "Lowest detector score (0-1) that counts as a face. Lower finds more faces, and blurs "
                    + "more that are not faces; higher leaves more faces visible. To see what a value finds, render "
                    + "with --style outline (each mask with its score). The README's \"How well it works\" shows "
                    + "what each value leaves. Default: ${DEFAULT-VALUE}.")
    double threshold = DetectorSettings.DEFAULT_THRESHOLD;

    @Option(names = "--upscale", paramLabel = "FACTOR",
            description = "Enlarge frames by this factor before detection, to find faces under about 10 px "
                    + "(2 finds smaller faces, at about 4x the detection time). Default: ${DEFAULT-VALUE}.")
    double upscale = 1.0;

    @Option(names = "--model", paramLabel = "PATH",
            description = "The YuNet ONNX model. Default: $FACEBLUR_MODEL, else ~/.cache/faceblur/"
                    + ModelLocator.FILE_NAME + " (downloaded once and checked by SHA-256).")
    Path model;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for detection and encoding. Default: all cores.")
    int threads = Runtime.getRuntime().availableProcessors();

    DetectorSettings settings() {
        return new DetectorSettings(threshold, 0.3, upscale, Math.max(1, threads));
    }

    /** The model file: --model, $FACEBLUR_MODEL or the user's cache (downloaded there once). */
    Path modelPath() {
        return ModelLocator.forThisUser().locate(model);
    }

    /** One detector per thread, loaded from the located model. */
    DetectorPool pool() {
        return new DetectorPool(modelPath(), settings());
    }
}
