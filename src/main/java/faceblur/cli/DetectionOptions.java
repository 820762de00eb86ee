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
                    + "between. 2 halves the detection time but leaves more faces visible: on the crowd test "
                    + "videos of bench/ it left 1.1%% of faces of 24 px and more visible (0.4-2.3%% by clip), "
                    + "against 0.6%% (0.0-1.4%%) with 1 (bench/settings). Default: ${DEFAULT-VALUE}.")
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
