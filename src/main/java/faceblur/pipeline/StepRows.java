package faceblur.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The pipeline_steps table: attempts and time of each step execution (task, segment) of a job's run. */
final class StepRows {

    private StepRows() {
    }

    /** Counts an attempt of the step; returns its number (1 for the first). */
    static int attempt(Connection c, String task, StepId step) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("insert into pipeline_steps (job_id, run, task, segment, "
                + "attempts) values (?, ?, ?, ?, 1) on conflict (job_id, run, task, segment) "
                + "do update set attempts = pipeline_steps.attempts + 1")) {
            bind(upsert, 1, task, step);
            upsert.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement("select attempts from pipeline_steps "
                + "where job_id = ? and run = ? and task = ? and segment = ?")) {
            bind(select, 1, task, step);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void finished(Connection c, String task, StepId step, StepClock clock, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update pipeline_steps set node = ?, coordination_ms = ?, "
                + "processing_ms = ?, source_cached = ?, finished_at = ? "
                + "where job_id = ? and run = ? and task = ? and segment = ?")) {
            update.setString(1, Node.NAME);
            update.setLong(2, clock.coordinationMillis());
            update.setLong(3, clock.processingMillis());
            if (clock.sourceCached() == null) {
                update.setNull(4, Types.INTEGER);
            } else {
                update.setInt(4, clock.sourceCached() ? 1 : 0);
            }
            update.setLong(5, now.toEpochMilli());
            bind(update, 6, task, step);
            update.executeUpdate();
        }
    }

    /** How the steps of a run got the source, the finished ones and {@code current}: downloads, cache hits. */
    static String sourceUse(Connection c, StepId step, StepClock current) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select coalesce(sum(1 - source_cached), 0), "
                + "coalesce(sum(source_cached), 0) from pipeline_steps where job_id = ? and run = ? "
                + "and finished_at is not null")) {
            select.setString(1, step.jobId());
            select.setInt(2, step.run());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                boolean cached = Boolean.TRUE.equals(current.sourceCached());
                int downloads = rs.getInt(1) + (current.sourceCached() != null && !cached ? 1 : 0);
                int hits = rs.getInt(2) + (cached ? 1 : 0);
                return downloads + " download" + (downloads == 1 ? "" : "s") + " of the source, " + hits
                        + " cache hit" + (hits == 1 ? "" : "s");
            }
        }
    }

    /** The finished steps of every run of a job, in the order they finished. */
    static List<StepTiming> of(Connection c, String jobId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select run, task, segment, attempts, node, "
                + "coordination_ms, processing_ms, source_cached from pipeline_steps where job_id = ? "
                + "and finished_at is not null order by finished_at, task, segment")) {
            select.setString(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                List<StepTiming> timings = new ArrayList<>();
                while (rs.next()) {
                    int cached = rs.getInt(8);
                    timings.add(new StepTiming(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            rs.getString(5), rs.getLong(6), rs.getLong(7), rs.wasNull() ? null : cached == 1));
                }
                return timings;
            }
        }
    }

    private static void bind(PreparedStatement statement, int first, String task, StepId step) throws SQLException {
        statement.setString(first, step.jobId());
        statement.setInt(first + 1, step.run());
        statement.setString(first + 2, task);
        statement.setInt(first + 3, step.segment());
    }
}
