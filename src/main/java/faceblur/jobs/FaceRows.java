package faceblur.jobs;

import faceblur.rekognition.FaceDetectionResult.FaceDetection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A job's face sightings: one row each, numbered in result order. */
final class FaceRows {

    private static final int BATCH = 1000;

    private FaceRows() {
    }

    /** Stores the faces sorted by Timestamp; List.sort is stable, so sightings at one time keep the runner's order. */
    static int insert(Connection c, String jobId, List<FaceDetection> faces) throws SQLException {
        List<FaceDetection> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingLong(FaceDetection::timestamp));
        try (PreparedStatement insert = c.prepareStatement(
                "insert into face_detection_faces (job_id, seq, timestamp_ms, face) values (?, ?, ?, ?)")) {
            for (int i = 0; i < sorted.size(); i++) {
                FaceDetection face = sorted.get(i);
                insert.setString(1, jobId);
                insert.setInt(2, i);
                insert.setLong(3, face.timestamp());
                insert.setString(4, Json.write(face));
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return sorted.size();
    }

    static List<FaceDetection> page(Connection c, String jobId, int offset, int limit) throws SQLException {
        List<FaceDetection> faces = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "select face from face_detection_faces where job_id = ? and seq >= ? and seq < ? order by seq")) {
            select.setString(1, jobId);
            select.setInt(2, offset);
            select.setLong(3, (long) offset + limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    faces.add(Json.read(rs.getString(1), FaceDetection.class));
                }
            }
        }
        return faces;
    }

    static void deleteOf(Connection c, String jobId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from face_detection_faces where job_id = ?")) {
            delete.setString(1, jobId);
            delete.executeUpdate();
        }
    }
}
