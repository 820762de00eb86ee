package faceblur.studio;

/** A request the studio refuses, with the HTTP status to answer and a message that says what to do. */
final class StudioException extends RuntimeException {

    private final int status;

    StudioException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static StudioException notFound(String message) {
        return new StudioException(404, message);
    }

    static StudioException forbidden(String message) {
        return new StudioException(403, message);
    }

    static StudioException conflict(String message) {
        return new StudioException(409, message);
    }
}
