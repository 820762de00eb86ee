package faceblur.storage;

/** A storage operation that failed, with one line for a user and a kind a caller can act on. */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        NOT_FOUND,
        ACCESS_DENIED,
        INVALID_LOCATION,
        /** Worth retrying: server errors, throttling, timeouts, refused or reset connections. */
        TRANSIENT,
        FAILED
    }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        this(kind, message, null);
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
