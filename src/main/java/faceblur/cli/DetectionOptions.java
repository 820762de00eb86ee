package faceblur.cli;

import faceblur.engine.FaceBlur;
import picocli.CommandLine.Option;

/** Options of the face detector on video: the detector's own, and how often it runs. */
final class DetectionOptions extends DetectorOptions {

    @Option(names = "--detect-every", paramLabel = "N",
            description = "Run the detector on every N-th frame; each face's track is interpolated on the frames "
                    + "between. 1 gives the detector the most chances at a hard face, at about twice the "
                    + "analysis time of 2. Default: ${DEFAULT-VALUE}.")
    int detectEvery = 2;

    FaceBlur engine(TrackingOptions tracking) {
        return FaceBlur.withDetector(locateModel(), settings(), detectEvery, tracking.settings());
    }
}
