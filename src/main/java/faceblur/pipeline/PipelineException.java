package faceblur.pipeline;

import faceblur.FaceblurException;

/** A request the pipeline refuses, with the reason for the caller. */
public final class PipelineException extends FaceblurException {

    public enum Kind { BAD_REQUEST, NOT_FOUND, CONFLICT, TOO_LARGE }

    private final Kind kind;

    public PipelineException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
