package faceblur.pipeline;

import faceblur.redact.RedactionSettings;
import faceblur.text.TextSource;
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
 * @param sourceCache where this node keeps the sources of the jobs it works on, for their next steps here
 * @param sourceCacheBytes how much it keeps at most (0: nothing beyond the steps running now)
 * @param text        the text detector for jobs that hide text, opened by each step that needs it
 */
public record PipelineSettings(WatchConfig watch, int maxAttempts, Duration firstRetry, Path workRoot,
                               RedactionSettings redaction, EncoderSettings encoding,
                               SegmentSettings segments, Path sourceCache, long sourceCacheBytes,
                               TextSource text) {
}
