package faceblur.cli;

import faceblur.engine.FaceBlur;
import faceblur.review.Provenance;
import faceblur.review.SourceFile;
import faceblur.track.TrackerSettings;
import picocli.CommandLine.Option;

/** Options of the face detector on video: the detector's own, and how often it runs. */
final class DetectionOptions extends DetectorOptions {

    @Option(names = "--detect-every", paramLabel = "N",
            description = "Run the detector on every N-th frame; each face's track is interpolated on the frames "
                    + "between. 2 halves the detection time but leaves about twice as many faces visible (README, "
                    + "\"How well it works\"). Default: ${DEFAULT-VALUE}.")
    int detectEvery = 1;

    /** How these options find faces, as a review records it. */
    Provenance provenance(TrackingOptions tracking) {
        return new Provenance(FaceBlur.version(), SourceFile.of(modelPath()), settings(), detectEvery, tracking.settings());
    }

    FaceBlur engine(TrackingOptions tracking) {
        TrackerSettings settings = tracking.settings(); // checked before the model is loaded
        return FaceBlur.withDetectors(pool(), detectEvery, settings);
    }
}
