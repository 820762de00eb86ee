package faceblur.jobs;

import faceblur.rekognition.FaceDetectionResult.VideoMetadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The face_detection_jobs table. */
final class JobRows {

    private static final String COLUMNS = "job_id, bucket, object_key, object_version, face_attributes, job_tag, "
            + "sns_topic_arn, role_arn, state, status_message, created_at, finished_at, video_metadata, face_count";

    private JobRows() {
    }

    static Optional<Job> find(Connection c, String jobId) throws SQLException {
        return selectOne(c, "select " + COLUMNS + " from face_detection_jobs where job_id = ?", jobId);
    }

    static Optional<Job> findByToken(Connection c, String clientToken) throws SQLException {
        return selectOne(c, "select " + COLUMNS + " from face_detection_jobs where client_token = ?", clientToken);
    }

    static void insert(Connection c, String jobId, String clientToken, JobSpec spec, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into face_detection_jobs (job_id, client_token, "
                + "bucket, object_key, object_version, face_attributes, job_tag, sns_topic_arn, role_arn, state, "
                + "created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, jobId);
            insert.setString(2, clientToken);
            insert.setString(3, spec.bucket());
            insert.setString(4, spec.key());
            insert.setString(5, spec.version());
            insert.setString(6, spec.faceAttributes());
            insert.setString(7, spec.jobTag());
            insert.setString(8, spec.notificationTopicArn());
            insert.setString(9, spec.notificationRoleArn());
            insert.setString(10, JobState.IN_PROGRESS.name());
            insert.setLong(11, now.toEpochMilli());
            insert.executeUpdate();
        }
    }

    /** Counts a run that begins now and returns how many runs the job has had, this one included. */
    static int begin(Connection c, String jobId, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update face_detection_jobs set attempts = attempts + 1, "
                + "started_at = coalesce(started_at, ?) where job_id = ?")) {
            update.setLong(1, now.toEpochMilli());
            update.setString(2, jobId);
            update.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement("select attempts from face_detection_jobs where job_id = ?")) {
            select.setString(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /**
     * Ends an unfinished job. False when it had already ended: another node, believing this one dead, got there
     * first, and the caller must roll back what it wrote.
     */
    static boolean finish(Connection c, String jobId, JobState state, String statusMessage, VideoMetadata metadata,
                          int faceCount, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update face_detection_jobs set state = ?, "
                + "status_message = ?, video_metadata = ?, face_count = ?, finished_at = ? "
                + "where job_id = ? and state = ?")) {
            update.setString(1, state.name());
            update.setString(2, statusMessage);
            if (metadata == null) {
                update.setNull(3, Types.VARCHAR);
            } else {
                update.setString(3, Json.write(metadata));
            }
            update.setInt(4, faceCount);
            update.setLong(5, now.toEpochMilli());
            update.setString(6, jobId);
            update.setString(7, JobState.IN_PROGRESS.name());
            return update.executeUpdate() == 1;
        }
    }

    static Map<JobState, Integer> countByState(Connection c) throws SQLException {
        Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0);
        }
        try (PreparedStatement select = c.prepareStatement("select state, count(*) from face_detection_jobs group by state");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                counts.put(JobState.valueOf(rs.getString(1)), rs.getInt(2));
            }
        }
        return counts;
    }

    static int unfinished(Connection c) throws SQLException {
        return count(c, "select count(*) from face_detection_jobs where state = 'IN_PROGRESS'");
    }

    static int queued(Connection c) throws SQLException {
        return count(c, "select count(*) from face_detection_jobs where state = 'IN_PROGRESS' and started_at is null");
    }

    /** Unfinished jobs that db-scheduler has no execution for, which would otherwise never end. */
    static List<String> orphans(Connection c, String taskName) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select job_id from face_detection_jobs j "
                + "where state = 'IN_PROGRESS' and not exists (select 1 from scheduled_tasks s "
                + "where s.task_name = ? and s.task_instance = j.job_id)")) {
            select.setString(1, taskName);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static List<String> finishedBefore(Connection c, Instant cutoff) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "select job_id from face_detection_jobs where state <> 'IN_PROGRESS' and finished_at < ?")) {
            select.setLong(1, cutoff.toEpochMilli());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static void delete(Connection c, String jobId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from face_detection_jobs where job_id = ?")) {
            delete.setString(1, jobId);
            delete.executeUpdate();
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Optional<Job> selectOne(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(job(rs)) : Optional.empty();
            }
        }
    }

    private static Job job(ResultSet rs) throws SQLException {
        JobSpec spec = new JobSpec(rs.getString("bucket"), rs.getString("object_key"), rs.getString("object_version"),
                rs.getString("face_attributes"), rs.getString("job_tag"), rs.getString("sns_topic_arn"),
                rs.getString("role_arn"));
        long finished = rs.getLong("finished_at");
        Instant finishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
        return new Job(rs.getString("job_id"), spec, JobState.valueOf(rs.getString("state")),
                rs.getString("status_message"), Instant.ofEpochMilli(rs.getLong("created_at")), finishedAt,
                Json.read(rs.getString("video_metadata"), VideoMetadata.class), rs.getInt("face_count"));
    }
}
