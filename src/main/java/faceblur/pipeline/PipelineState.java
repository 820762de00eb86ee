package faceblur.pipeline;

import java.util.Locale;

/** Where a pipeline job is: each step's state is durable, so any node can take the job from there. */
public enum PipelineState {
    QUEUED, ANALYSING, RENDERING, PUBLISHING, DONE, FAILED, CANCELLED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    /** As the API writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PipelineState parse(String label) {
        try {
            return valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PipelineException(PipelineException.Kind.BAD_REQUEST, "unknown state \"" + label
                    + "\": use queued, analysing, rendering, publishing, done, failed or cancelled");
        }
    }
}
