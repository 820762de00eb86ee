package faceblur.pipeline;

import faceblur.storage.S3Location;

import java.time.Duration;

/**
 * How a node cuts long videos for the other nodes.
 *
 * @param length        about how long each segment is; cut at the keyframe nearest to each multiple (a video
 *                      shorter than this, or with one keyframe, is one segment)
 * @param stagingPrefix where rendered pieces wait for the join, under the target bucket:
 *                      {@code <prefix>/<job>/<run>/piece-0003.mp4}; removed once the job is published
 */
public record SegmentSettings(Duration length, String stagingPrefix) {

    public static final Duration DEFAULT_LENGTH = Duration.ofSeconds(60);
    public static final String DEFAULT_STAGING_PREFIX = ".faceblur-work";

    public SegmentSettings {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("the segment duration must be positive, got " + length);
        }
        stagingPrefix = stagingPrefix.replaceAll("^/+|/+$", "");
        if (stagingPrefix.isEmpty()) {
            throw new IllegalArgumentException("the staging prefix must not be empty");
        }
    }

    /** Where the rendered piece of one segment of a job's run waits for the join: beside the job's output. */
    S3Location piece(PipelineJob job, int run, int segment) {
        return job.video().withKey(String.format("%s/%s/%d/piece-%04d.mp4", stagingPrefix, job.id(), run, segment));
    }

    public static SegmentSettings defaults() {
        return new SegmentSettings(DEFAULT_LENGTH, DEFAULT_STAGING_PREFIX);
    }
}
