package faceblur.cli;

import faceblur.detect.DetectorSettings;
import faceblur.detect.ModelLocator;
import faceblur.engine.FaceBlur;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of the face detector, shared by the commands that detect. */
final class DetectionOptions {

    @Option(names = "--threshold", paramLabel = "SCORE",
            description = "Lowest detector score (0-1) that counts as a face. Lower finds more faces and blurs "
                    + "more non-faces. Default: ${DEFAULT-VALUE}.")
    double threshold = DetectorSettings.DEFAULT_THRESHOLD;

    @Option(names = "--upscale", paramLabel = "FACTOR",
            description = "Enlarge frames by this factor before detection, to find faces under about 10 px "
                    + "(2 finds smaller faces, at about 4x the detection time). Default: ${DEFAULT-VALUE}.")
    double upscale = 1.0;

    @Option(names = "--detect-every", paramLabel = "N",
            description = "Run the detector on every N-th frame; each face's track is interpolated on the frames "
                    + "between. 1 gives the detector the most chances at a hard face, at about twice the "
                    + "analysis time of 2. Default: ${DEFAULT-VALUE}.")
    int detectEvery = 2;

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

    FaceBlur engine(TrackingOptions tracking) {
        Path located = ModelLocator.forThisUser().locate(model);
        return FaceBlur.withDetector(located, settings(), detectEvery, tracking.settings());
    }
}
