package faceblur.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline_history table. Written in the transaction that changed the job's row, after that change: the row
 * lock (PostgreSQL) or the write lock (SQLite) orders the entries of one job, so max(seq) + 1 does not race.
 */
final class HistoryRows {

    private HistoryRows() {
    }

    static void add(Connection c, String jobId, PipelineState state, Instant at, String detail) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into pipeline_history (job_id, seq, state, at, "
                + "node, detail) select ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ? from pipeline_history "
                + "where job_id = ?")) {
            insert.setString(1, jobId);
            insert.setString(2, state.name());
            insert.setLong(3, at.toEpochMilli());
            insert.setString(4, Node.NAME);
            insert.setString(5, detail);
            insert.setString(6, jobId);
            insert.executeUpdate();
        }
    }

    static List<HistoryEntry> of(Connection c, String jobId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select state, at, node, detail from pipeline_history where job_id = ? order by seq")) {
            select.setString(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                List<HistoryEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(new HistoryEntry(PipelineState.valueOf(rs.getString(1)),
                            Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4)));
                }
                return entries;
            }
        }
    }
}
