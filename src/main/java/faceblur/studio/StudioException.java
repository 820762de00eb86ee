package faceblur.studio;

/** A request the studio refuses, with the HTTP status to answer and a message that says what to do. */
class StudioException extends RuntimeException {

    private final int status;
    private final String code;

    StudioException(int status, String message) {
        this(status, null, message);
    }

    /** With the error's name when it says more than the status's ({@code CrossSiteRequest}). */
    StudioException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    /** The name of the error in the JSON answer. */
    String code() {
        return code != null ? code : switch (status) {
            case 401 -> "SignInRequired";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 413 -> "TooLarge";
            case 429 -> "TooManyRequests";
            default -> "BadRequest";
        };
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
