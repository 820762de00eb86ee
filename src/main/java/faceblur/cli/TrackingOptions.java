package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.track.TrackerSettings;
import picocli.CommandLine.Option;

/** How far a face's blur reaches in time, shared by every command that renders. */
final class TrackingOptions {

    @Option(names = "--extend", paramLabel = "SECONDS",
            description = "Keep each face blurred this long before it is first seen and after it is last seen "
                    + "(held where it stood in the scene, following the camera's pan and zoom, and carried along its "
                    + "own motion), but never across a shot change. Longer hides more of the faces the detector "
                    + "misses, and blurs more of the picture around them. Default: ${DEFAULT-VALUE} s.")
    double extendSeconds = TrackerSettings.DEFAULT_EXTEND_MICROS / 1e6;

    @Option(names = "--max-gap", paramLabel = "SECONDS",
            description = "Two sightings of the same face up to this far apart are joined, and the face is "
                    + "interpolated on every frame between them. Default: ${DEFAULT-VALUE} s.")
    double maxGapSeconds = TrackerSettings.DEFAULT_MAX_GAP_MICROS / 1e6;

    @Option(names = "--min-sightings", paramLabel = "N",
            description = "Drop a track seen on fewer than N frames, none of them scored 0.5 or more, its boxes "
                    + "40 px high or more: at the low default threshold such brief weak sightings are mostly "
                    + "hands, legs, furniture and patterns, each of which would otherwise be blurred for the whole "
                    + "--extend. Smaller ones are kept: far faces are found on a frame here and there. 1 keeps "
                    + "every track (for footage of far, tiny faces). Default: ${DEFAULT-VALUE}.")
    int minSightings = TrackerSettings.DEFAULT_MIN_SIGHTINGS;

    TrackerSettings settings() {
        if (minSightings < 1 || minSightings > 100) {
            throw new FaceblurException("--min-sightings must be between 1 and 100, got " + minSightings);
        }
        if (extendSeconds < 0 || extendSeconds > 60) {
            throw new FaceblurException("--extend must be between 0 and 60 seconds, got " + extendSeconds);
        }
        if (maxGapSeconds < 0 || maxGapSeconds > 60) {
            throw new FaceblurException("--max-gap must be between 0 and 60 seconds, got " + maxGapSeconds);
        }
        return new TrackerSettings(Math.round(maxGapSeconds * 1e6), Math.round(extendSeconds * 1e6),
                TrackerSettings.defaults().minIou(), minSightings);
    }
}
