package faceblur.pipeline;

import faceblur.redact.RedactionSettings;
import faceblur.video.EncoderSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How this node takes part in the pipeline.
 *
 * @param rules        the folders this node lists (give every node the same ones, or only some nodes any)
 * @param listInterval how often each watched folder is listed
 * @param naming       output names for jobs submitted through the API (rules carry their own)
 * @param maxAttempts  runs of one step before passing failures fail the job
 * @param firstRetry   delay before the first retry of a step, doubled each time
 * @param workRoot     where each step's temporary folder is made
 */
public record PipelineSettings(List<WatchRule> rules, Duration listInterval, OutputNaming naming, int maxAttempts,
                               Duration firstRetry, Path workRoot, RedactionSettings redaction,
                               EncoderSettings encoding) {

    public static final Duration DEFAULT_LIST_INTERVAL = Duration.ofSeconds(30);

    public PipelineSettings {
        rules = List.copyOf(rules);
        if (listInterval.isNegative() || listInterval.isZero()) {
            throw new IllegalArgumentException("the listing interval must be positive");
        }
    }
}
