package faceblur.pipeline;

import faceblur.redact.RedactionSettings;
import faceblur.video.EncoderSettings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How this node takes part in the pipeline.
 *
 * @param maxAttempts runs of one step before passing failures fail the job
 * @param firstRetry  delay before the first retry of a step, doubled each time
 * @param workRoot    where each step's temporary folder is made
 * @param segments    how long videos are cut into segments for several nodes
 */
public record PipelineSettings(WatchConfig watch, int maxAttempts, Duration firstRetry, Path workRoot,
                               RedactionSettings redaction, EncoderSettings encoding,
                               SegmentSettings segments) {
}
