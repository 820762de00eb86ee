package faceblur.pipeline;

import java.time.Instant;

/** A state a job entered (or a step it began again), when and on which node. */
public record HistoryEntry(PipelineState state, Instant at, String node, String detail) {
}
