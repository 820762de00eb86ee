package faceblur.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The pipeline_segments table: the units the analyse step runs on, and their results. */
final class SegmentRows {

    private SegmentRows() {
    }

    /** The whole video as segment 0. A segmenter would insert one row per cut here instead. */
    static void createWhole(Connection c, String jobId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into pipeline_segments (job_id, segment, start_micros) values (?, 0, 0)")) {
            insert.setString(1, jobId);
            insert.executeUpdate();
        }
    }

    static List<Integer> segments(Connection c, String jobId) throws SQLException {
        List<Integer> segments = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "select segment from pipeline_segments where job_id = ? order by segment")) {
            select.setString(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    segments.add(rs.getInt(1));
                }
            }
        }
        return segments;
    }

    static void storeAnalysis(Connection c, String jobId, int segment, String observations) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update pipeline_segments set observations = ?, "
                + "analysed_by = ? where job_id = ? and segment = ?")) {
            update.setString(1, observations);
            update.setString(2, Node.NAME);
            update.setString(3, jobId);
            update.setInt(4, segment);
            update.executeUpdate();
        }
    }

    static int unanalysed(Connection c, String jobId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select count(*) from pipeline_segments where job_id = ? and observations is null")) {
            select.setString(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Each segment's observations (JSON), in segment order. */
    static List<String> observations(Connection c, String jobId) throws SQLException {
        List<String> all = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "select observations from pipeline_segments where job_id = ? order by segment")) {
            select.setString(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
        }
        return all;
    }

    /** A retried job analyses again: results of an earlier run may come from another version of the code. */
    static void clear(Connection c, String jobId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update pipeline_segments set observations = null, analysed_by = null where job_id = ?")) {
            update.setString(1, jobId);
            update.executeUpdate();
        }
    }
}
