package faceblur.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.redact.RedactionSettings;
import faceblur.storage.S3Location;
import faceblur.text.HideTargets;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The pipeline_jobs table. Every change of state is conditional on the state (and run) it expects. */
final class PipelineRows {

    private static final String COLUMNS = "job_id, rule_id, source_bucket, source_key, source_etag, source_size, "
            + "video_bucket, video_key, faces_key, state, run, attempts, progress, reason, created_at, updated_at, "
            + "finished_at, redaction, hide";
    /** RedactionSettings as JSON in their own column: field names as in the record. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineRows() {
    }

    /** What makes an announcement the same one: the object version and the rule. */
    static String dedupKey(ObjectVersion source, String ruleId) {
        return Sha256.hex(source.location().bucket(), source.location().key(), source.eTag(), ruleId);
    }

    /** Inserts the job unless its dedup key is taken; true when inserted. Never fails on a duplicate. */
    static boolean insertIfAbsent(Connection c, String jobId, ObjectVersion source, WatchRule rule, Instant now)
            throws SQLException {
        S3Location video = rule.video(source.location());
        try (PreparedStatement insert = c.prepareStatement("insert into pipeline_jobs (job_id, dedup_key, rule_id, "
                + "source_bucket, source_key, source_etag, source_size, video_bucket, video_key, faces_key, state, "
                + "created_at, updated_at, redaction, hide) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (dedup_key) do nothing")) {
            insert.setString(1, jobId);
            insert.setString(2, dedupKey(source, rule.id()));
            insert.setString(3, rule.id());
            insert.setString(4, source.location().bucket());
            insert.setString(5, source.location().key());
            insert.setString(6, source.eTag());
            insert.setLong(7, source.size());
            insert.setString(8, video.bucket());
            insert.setString(9, video.key());
            insert.setString(10, OutputNaming.faces(video).key());
            insert.setString(11, PipelineState.QUEUED.name());
            insert.setLong(12, now.toEpochMilli());
            insert.setLong(13, now.toEpochMilli());
            insert.setString(14, rule.redaction() == null ? null : writeJson(rule.redaction()));
            insert.setString(15, rule.hide().toString());
            return insert.executeUpdate() == 1;
        }
    }

    static Optional<PipelineJob> findByDedupKey(Connection c, String dedupKey) throws SQLException {
        return selectOne(c, "select " + COLUMNS + " from pipeline_jobs where dedup_key = ?", dedupKey);
    }

    static Optional<PipelineJob> find(Connection c, String jobId) throws SQLException {
        return selectOne(c, "select " + COLUMNS + " from pipeline_jobs where job_id = ?", jobId);
    }

    /** Newest first. */
    static List<PipelineJob> list(Connection c, PipelineState state, int limit) throws SQLException {
        String where = state == null ? "" : " where state = ?";
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from pipeline_jobs" + where
                + " order by created_at desc, job_id limit ?")) {
            int i = 1;
            if (state != null) {
                select.setString(i++, state.name());
            }
            select.setInt(i, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<PipelineJob> jobs = new ArrayList<>();
                while (rs.next()) {
                    jobs.add(job(rs));
                }
                return jobs;
            }
        }
    }

    /** The dedup keys of a rule's jobs in a bucket: what a listing need not insert again. */
    /** Which of {@code dedupKeys} the database already has, asked in chunks that every database takes. */
    static Set<String> knownAmong(Connection c, List<String> dedupKeys) throws SQLException {
        Set<String> known = new HashSet<>();
        for (int from = 0; from < dedupKeys.size(); from += 500) {
            List<String> chunk = dedupKeys.subList(from, Math.min(dedupKeys.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = c.prepareStatement(
                    "select dedup_key from pipeline_jobs where dedup_key in (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                    }
                }
            }
        }
        return known;
    }

    /**
     * A step begins (again): counts the attempt, and moves {@code entry} to {@code working}; any other state in
     * {@code accepted} is kept. Returns the attempt number, or 0 when the job is not in an accepted state of this
     * run (cancelled, finished, retried, or the step is already past).
     */
    static int begin(Connection c, StepId step, PipelineState entry, PipelineState working,
                     Collection<PipelineState> accepted, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update pipeline_jobs set attempts = attempts + 1, "
                + "updated_at = ?, state = case when state = ? then ? else state end "
                + "where job_id = ? and run = ? and state in (" + placeholders(accepted) + ")")) {
            update.setLong(1, now.toEpochMilli());
            update.setString(2, entry.name());
            update.setString(3, working.name());
            update.setString(4, step.jobId());
            update.setInt(5, step.run());
            setStates(update, 6, accepted);
            if (update.executeUpdate() == 0) {
                return 0;
            }
        }
        return find(c, step.jobId()).orElseThrow().attempts();
    }

    /** Takes the job's row (PostgreSQL: a row lock until commit) if it is in {@code state} of the step's run. */
    static boolean hold(Connection c, StepId step, PipelineState state, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update pipeline_jobs set updated_at = ? where job_id = ? and run = ? and state = ?")) {
            update.setLong(1, now.toEpochMilli());
            update.setString(2, step.jobId());
            update.setInt(3, step.run());
            update.setString(4, state.name());
            return update.executeUpdate() == 1;
        }
    }

    /** {@code from} to {@code to}, within one run; false when the job is no longer in {@code from}. */
    static boolean advance(Connection c, StepId step, PipelineState from, PipelineState to, boolean newStep,
                           String reason, Instant now) throws SQLException {
        String attempts = newStep ? ", attempts = 0" : "";
        String progress = to == PipelineState.DONE ? ", progress = 1" : "";
        try (PreparedStatement update = c.prepareStatement("update pipeline_jobs set state = ?, reason = ?, "
                + "updated_at = ?, finished_at = ?" + attempts + progress
                + " where job_id = ? and run = ? and state = ?")) {
            update.setString(1, to.name());
            update.setString(2, reason);
            update.setLong(3, now.toEpochMilli());
            if (to.finished()) {
                update.setLong(4, now.toEpochMilli());
            } else {
                update.setNull(4, java.sql.Types.BIGINT);
            }
            update.setString(5, step.jobId());
            update.setInt(6, step.run());
            update.setString(7, from.name());
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Ends a job in one of {@code from} as {@code to}; {@code run} 0 for whatever run. False if it was in none:
     * the caller must then leave everything as it is.
     */
    static boolean end(Connection c, String jobId, int run, Collection<PipelineState> from, PipelineState to,
                       String reason, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update pipeline_jobs set state = ?, reason = ?, "
                + "updated_at = ?, finished_at = ? where job_id = ? and (? = 0 or run = ?) and state in ("
                + placeholders(from) + ")")) {
            update.setString(1, to.name());
            update.setString(2, reason);
            update.setLong(3, now.toEpochMilli());
            update.setLong(4, now.toEpochMilli());
            update.setString(5, jobId);
            update.setInt(6, run);
            update.setInt(7, run);
            setStates(update, 8, from);
            return update.executeUpdate() == 1;
        }
    }

    /** A failed or cancelled job starts over as a new run; false if it was in another state. */
    static boolean restart(Connection c, String jobId, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update pipeline_jobs set state = ?, run = run + 1, "
                + "attempts = 0, progress = 0, reason = null, finished_at = null, updated_at = ? "
                + "where job_id = ? and state in (?, ?)")) {
            update.setString(1, PipelineState.QUEUED.name());
            update.setLong(2, now.toEpochMilli());
            update.setString(3, jobId);
            update.setString(4, PipelineState.FAILED.name());
            update.setString(5, PipelineState.CANCELLED.name());
            return update.executeUpdate() == 1;
        }
    }

    static void progress(Connection c, StepId step, double progress) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update pipeline_jobs set progress = ? where job_id = ? and run = ? and progress < ?")) {
            update.setDouble(1, progress);
            update.setString(2, step.jobId());
            update.setInt(3, step.run());
            update.setDouble(4, progress);
            update.executeUpdate();
        }
    }

    static Map<PipelineState, Integer> countByState(Connection c) throws SQLException {
        Map<PipelineState, Integer> counts = new EnumMap<>(PipelineState.class);
        for (PipelineState state : PipelineState.values()) {
            counts.put(state, 0);
        }
        try (PreparedStatement select = c.prepareStatement("select state, count(*) from pipeline_jobs group by state");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                counts.put(PipelineState.valueOf(rs.getString(1)), rs.getInt(2));
            }
        }
        return counts;
    }

    private static String placeholders(Collection<?> values) {
        return values.stream().map(v -> "?").collect(Collectors.joining(", "));
    }

    private static void setStates(PreparedStatement statement, int first, Collection<PipelineState> states)
            throws SQLException {
        int i = first;
        for (PipelineState state : states) {
            statement.setString(i++, state.name());
        }
    }

    private static Optional<PipelineJob> selectOne(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(job(rs)) : Optional.empty();
            }
        }
    }

    private static PipelineJob job(ResultSet rs) throws SQLException {
        S3Location source = new S3Location(rs.getString("source_bucket"), rs.getString("source_key"));
        S3Location video = new S3Location(rs.getString("video_bucket"), rs.getString("video_key"));
        long finished = rs.getLong("finished_at");
        Instant finishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
        return new PipelineJob(rs.getString("job_id"), rs.getString("rule_id"),
                new ObjectVersion(source, rs.getString("source_etag"), rs.getLong("source_size")), video,
                video.withKey(rs.getString("faces_key")), PipelineState.valueOf(rs.getString("state")),
                rs.getInt("run"), rs.getInt("attempts"), rs.getDouble("progress"), rs.getString("reason"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                finishedAt, readRedaction(rs.getString("redaction")), HideTargets.parse("hide", rs.getString("hide")));
    }

    private static String writeJson(RedactionSettings redaction) {
        try {
            return JSON.writeValueAsString(redaction);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RedactionSettings readRedaction(String json) {
        try {
            return json == null ? null : JSON.readValue(json, RedactionSettings.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
