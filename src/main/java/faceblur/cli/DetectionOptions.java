package faceblur.cli;

import faceblur.engine.FaceBlur;
import picocli.CommandLine.Option;

/** Options of the face detector on video: the detector's own, and how often it runs. */
final class DetectionOptions extends DetectorOptions {

    @Option(names = "--detect-every", paramLabel = "N",
            description = "Run the detector on every N-th frame; each face's track is interpolated on the frames "
                    + "between. 2 halves the analysis time, but on the crowd test videos it left 20 times more "
                    + "faces visible (bench/results/REPORT.md). "
                    + "analysis time of 2. Default: ${DEFAULT-VALUE}.")
    int detectEvery = 1;

    FaceBlur engine(TrackingOptions tracking) {
        return FaceBlur.withDetector(locateModel(), settings(), detectEvery, tracking.settings());
    }
}
