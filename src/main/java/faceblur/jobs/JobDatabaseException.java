package faceblur.jobs;

import faceblur.FaceblurException;

import java.sql.SQLException;

/** The job database failed a statement (unreachable, locked, full); a service answers it as an internal error. */
public class JobDatabaseException extends FaceblurException {

    private final transient SQLException sqlCause;

    JobDatabaseException(SQLException cause) {
        super("Job database error: " + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""), cause);
        this.sqlCause = cause;
    }

    /** A unique key or other constraint refused the write: on PostgreSQL SQLSTATE 23xxx, on SQLite code 19. */
    boolean isConstraintViolation() {
        String state = sqlCause.getSQLState();
        return (state != null && state.startsWith("23")) || sqlCause.getErrorCode() == 19;
    }
}
