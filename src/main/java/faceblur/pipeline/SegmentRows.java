package faceblur.pipeline;

import faceblur.video.Segment;

import faceblur.segment.SegmentAnalysisJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline_segments table: the stretches of a job's video that the analyse and render steps run on, one
 * execution each, and their results. A job starts as segment 0 with no end (not planned yet); the analyse step
 * of segment 0 plans the cuts on the node that has the source and adds the other rows.
 */
final class SegmentRows {

    private SegmentRows() {
    }

    /** Segment 0, not planned yet. */
    static void createWhole(Connection c, String jobId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into pipeline_segments (job_id, segment, start_micros) values (?, 0, 0)")) {
            insert.setString(1, jobId);
            insert.executeUpdate();
        }
    }

    /**
     * Records the plan: segment 0 gets its end and the further segments their rows. False when the job was
     * planned already (a step re-run after its node was lost), and then nothing changes.
     */
    static boolean plan(Connection c, String jobId, List<Segment> plan) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update pipeline_segments set end_micros = ? "
                + "where job_id = ? and segment = 0 and end_micros is null")) {
            update.setLong(1, plan.get(0).endMicros());
            update.setString(2, jobId);
            if (update.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("insert into pipeline_segments (job_id, segment, "
                + "start_micros, end_micros) values (?, ?, ?, ?)")) {
            for (Segment segment : plan.subList(1, plan.size())) {
                insert.setString(1, jobId);
                insert.setInt(2, segment.index());
                insert.setLong(3, segment.startMicros());
                insert.setLong(4, segment.endMicros());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return true;
    }

    /** The segment's time range, or empty while the job is not planned yet. */
    static Optional<Segment> segment(Connection c, String jobId, int segment) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select start_micros, end_micros from pipeline_segments "
                + "where job_id = ? and segment = ? and end_micros is not null")) {
            select.setString(1, jobId);
            select.setInt(2, segment);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Segment(segment, rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    static List<Integer> segments(Connection c, String jobId) throws SQLException {
        return strings(c, "select segment from pipeline_segments where job_id = ? order by segment", jobId)
                .stream().map(Integer::valueOf).toList();
    }

    /** The segment's analysis, and the text it found ({@link SegmentAnalysisJson#textsToJson}; null: none looked for). */
    static void storeAnalysis(Connection c, String jobId, int segment, String analysis, String texts)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update pipeline_segments set texts = ? "
                + "where job_id = ? and segment = ?")) {
            update.setString(1, texts);
            update.setString(2, jobId);
            update.setInt(3, segment);
            update.executeUpdate();
        }
        mark(c, "observations = ?, analysed_by = ?", analysis, jobId, segment);
    }

    static int unanalysed(Connection c, String jobId) throws SQLException {
        return count(c, jobId, "observations is null");
    }

    /** The piece of this segment is in the staging place, for the current run. */
    static void storeRendered(Connection c, String jobId, int segment) throws SQLException {
        mark(c, "rendered_by = ?", null, jobId, segment);
    }

    static int unrendered(Connection c, String jobId) throws SQLException {
        return count(c, jobId, "rendered_by is null");
    }

    /** Each segment's analysis (SegmentAnalysisJson), in segment order. */
    static List<String> analyses(Connection c, String jobId) throws SQLException {
        return strings(c, "select observations from pipeline_segments where job_id = ? order by segment", jobId);
    }

    /** Each segment's text, in segment order; null for a segment where none was looked for. */
    static List<String> texts(Connection c, String jobId) throws SQLException {
        return strings(c, "select texts from pipeline_segments where job_id = ? order by segment", jobId);
    }

    /**
     * A retried job analyses and renders again: results of an earlier run may come from another version of the
     * code. The plan stays: it depends only on the source version, which is the job's.
     */
    static void clear(Connection c, String jobId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update pipeline_segments set observations = null, texts = null, "
                + "analysed_by = null, rendered_by = null where job_id = ?")) {
            update.setString(1, jobId);
            update.executeUpdate();
        }
    }

    /** Sets {@code columns} (each "= ?": {@code value} if not null, then this node's name) of one segment. */
    private static void mark(Connection c, String columns, String value, String jobId, int segment)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update pipeline_segments set " + columns
                + " where job_id = ? and segment = ?")) {
            int i = 1;
            if (value != null) {
                update.setString(i++, value);
            }
            update.setString(i++, Node.NAME);
            update.setString(i++, jobId);
            update.setInt(i, segment);
            update.executeUpdate();
        }
    }

    private static int count(Connection c, String jobId, String condition) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select count(*) from pipeline_segments where job_id = ? and " + condition)) {
            select.setString(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<String> strings(Connection c, String sql, String jobId) throws SQLException {
        List<String> all = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
        }
        return all;
    }
}
