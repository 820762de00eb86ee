package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.pipeline.SegmentSettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How a node cuts long pipeline videos into segments that several nodes work on at once. */
final class SegmentOptions {

    @Option(names = "--segment-duration", paramLabel = "DURATION", converter = Sizes.DurationConverter.class,
            description = "Cut pipeline videos at the keyframe nearest to every multiple of this; the segments are "
                    + "analysed and rendered on any nodes at once. A shorter video is one segment. Default: 60s.")
    Duration length = SegmentSettings.DEFAULT_LENGTH;

    @Option(names = "--staging-prefix", paramLabel = "PREFIX", description = "Rendered segments wait for the join "
            + "in the target bucket under PREFIX/<job>/<run>/, removed once published. Default: ${DEFAULT-VALUE}.")
    String stagingPrefix = SegmentSettings.DEFAULT_STAGING_PREFIX;

    SegmentSettings settings() {
        try {
            return new SegmentSettings(length, stagingPrefix);
        } catch (IllegalArgumentException e) {
            throw new FaceblurException(e.getMessage());
        }
    }
}
