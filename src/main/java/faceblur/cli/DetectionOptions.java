package faceblur.cli;

import faceblur.engine.DetectionSchedule;
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

    @Option(names = "--full-every", paramLabel = "N",
            description = "Of the frames the detector looks at, give every N-th one the full-size pass and the "
                    + "others a half-size pass, which finds faces of about 20 px and more for a quarter of the "
                    + "work; smaller faces are carried by their tracks between full-size passes. 1 looks at every "
                    + "frame at full size: slowest, fewest faces left visible. Default: ${DEFAULT-VALUE}.")
    int fullEvery = DetectionSchedule.DEFAULT_FULL_EVERY;

    DetectionSchedule schedule() {
        return new DetectionSchedule(detectEvery, fullEvery);
    }

    /** How these options find faces, as a review records it. */
    Provenance provenance(TrackingOptions tracking) {
        return new Provenance(FaceBlur.version(), SourceFile.of(modelPath()), settings(), schedule(), tracking.settings());
    }

    FaceBlur engine(TrackingOptions tracking) {
        TrackerSettings settings = tracking.settings(); // checked before the model is loaded
        schedule();
        FaceBlur engine = FaceBlur.withDetectors(pool(), schedule(), settings);
        SignalStop.onStop(engine::close); // Ctrl-C waits for the running detections before the JVM exits
        return engine;
    }
}
