package faceblur.pipeline;

import faceblur.redact.RedactionSettings;
import faceblur.storage.S3Location;
import faceblur.text.HideTargets;

import java.time.Instant;

/**
 * One object version going through the pipeline.
 *
 * @param run      1, plus one per retry by hand; steps of an earlier run are stale
 * @param attempts runs of the current step, those cut short by a lost node included
 * @param progress 0 to 1 over all steps
 * @param reason    why it failed, or null
 * @param redaction how its faces are hidden, chosen by its watch rule; null for the node's settings
 * @param hide      what its rule hides: faces, text or both
 */
public record PipelineJob(String id, String ruleId, ObjectVersion source, S3Location video, S3Location faces,
                          PipelineState state, int run, int attempts, double progress, String reason,
                          Instant createdAt, Instant updatedAt, Instant finishedAt, RedactionSettings redaction,
                          HideTargets hide) {

    /** How this job's faces are hidden: as its rule chose, else as {@code nodeDefault}. */
    public RedactionSettings redactionOr(RedactionSettings nodeDefault) {
        return redaction != null ? redaction : nodeDefault;
    }
}
