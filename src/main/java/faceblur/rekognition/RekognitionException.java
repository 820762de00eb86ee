package faceblur.rekognition;

import java.util.Objects;

/** An error to answer a Rekognition client with: its type and AWS's wording of the message. */
public final class RekognitionException extends RuntimeException {

    private final ErrorType type;

    public RekognitionException(ErrorType type, String message) {
        super(message);
        this.type = Objects.requireNonNull(type, "type");
    }

    public ErrorType type() {
        return type;
    }

    /** The body AWS sends with the error. */
    public ErrorResponse toResponse() {
        return new ErrorResponse(type.typeName(), type.typeName(), getMessage());
    }

    @Override
    public String toString() {
        return type.typeName() + ": " + getMessage();
    }
}
