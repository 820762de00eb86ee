package faceblur.pipeline;

import faceblur.FaceblurException;
import faceblur.jobs.Transactions;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.text.HideTargets;
import faceblur.storage.StorageException;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Pipeline jobs as the API and the watchers see them: announced, submitted, listed, cancelled, retried. */
public final class PipelineJobs {

    /** A job and whether this announcement created it (false: the object version was known for the rule). */
    public record Submission(PipelineJob job, boolean created) {
    }

    /** What became of one announced record, named as the answer and the metrics name it. */
    public enum Outcome {
        /** A job was made for it (for each rule that watches it). */
        QUEUED("queued"),
        /** Every rule that watches it already has its job: announced before, or found by a listing. */
        KNOWN("known"),
        /** No rule watches it. */
        OUTSIDE_RULES("outside_rules"),
        /** Not an object creation, or no valid object. */
        OTHER_EVENT("other_event"),
        /** It cannot become a job: the object is gone. Sending it again will not help. */
        FAILED("failed"),
        /** The store could not be asked: sending it again will. */
        RETRY("retry");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One record's outcome, with the jobs it has and why, when it has none. */
    public record RecordOutcome(String bucket, String key, Outcome outcome, List<String> jobIds, String reason) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PipelineState> CANCELLABLE =
            EnumSet.of(PipelineState.QUEUED, PipelineState.ANALYSING, PipelineState.RENDERING);

    private final Transactions transactions;
    private final StepScheduler steps;
    private final ObjectStore store;
    private final List<WatchRule> rules;
    private final OutputNaming naming;

    PipelineJobs(Transactions transactions, StepScheduler steps, ObjectStore store, List<WatchRule> rules,
                 OutputNaming naming) {
        this.transactions = transactions;
        this.steps = steps;
        this.store = store;
        this.rules = rules;
        this.naming = naming;
    }

    /**
     * Queues the object version for the rule unless it is already known: the unique dedup key decides, in the
     * database, so announcements racing on several nodes still make one job.
     */
    public Submission submit(ObjectVersion source, WatchRule rule) {
        String jobId = newJobId();
        Instant now = Instant.now();
        return transactions.inTransaction(c -> {
            boolean created = PipelineRows.insertIfAbsent(c, jobId, source, rule, now);
            if (created) {
                SegmentRows.createWhole(c, jobId);
                HistoryRows.add(c, jobId, PipelineState.QUEUED, now, "announced " + source.location()
                        + " (ETag " + source.eTag() + ") for " + rule);
                steps.analyse(jobId, 1, SegmentRows.segments(c, jobId));
            }
            String key = PipelineRows.dedupKey(source, rule.id());
            return new Submission(PipelineRows.findByDedupKey(c, key).orElseThrow(), created);
        });
    }

    /**
     * {@code POST /pipeline/jobs}: the object as it is now, blurred into {@code target} beside nothing else,
     * hiding what {@code hide} names ({@code faces}, {@code text} or {@code faces,text}; null: faces).
     */
    public Submission submitNow(String source, String target, String hide) {
        S3Location location;
        S3Prefix into;
        WatchRule rule;
        try {
            location = S3Location.parse(source);
            into = S3Prefix.parse(target);
            rule = new WatchRule(S3Prefix.folderOf(location), into, naming, null,
                    hide == null ? HideTargets.FACES : HideTargets.parse("hide", hide));
        } catch (StorageException | IllegalArgumentException e) {
            throw new PipelineException(PipelineException.Kind.BAD_REQUEST, e.getMessage());
        } catch (FaceblurException e) {
            throw new PipelineException(PipelineException.Kind.BAD_REQUEST, e.getMessage());
        }
        return submit(current(location), rule);
    }

    /**
     * Each announced record on its own, for every rule that watches its object: one record that cannot become a
     * job does not stop the others, and the answer says what became of each.
     */
    public List<RecordOutcome> announce(List<S3EventJson.EventRecord> records) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (S3EventJson.EventRecord record : records) {
            outcomes.add(announce(record));
        }
        return outcomes;
    }

    private RecordOutcome announce(S3EventJson.EventRecord record) {
        ObjectVersion object = record.created();
        if (object == null) {
            return new RecordOutcome(record.bucket(), record.key(), Outcome.OTHER_EVENT, List.of(), record.skipped());
        }
        List<WatchRule> matching = rules.stream().filter(r -> r.matches(object.location())).toList();
        if (matching.isEmpty()) {
            return new RecordOutcome(record.bucket(), record.key(), Outcome.OUTSIDE_RULES, List.of(),
                    "no --watch rule covers " + object.location());
        }
        ObjectVersion version;
        try {
            version = object.eTag() == null ? current(object.location()) : object;
        } catch (PipelineException e) {
            return new RecordOutcome(record.bucket(), record.key(), Outcome.FAILED, List.of(), e.getMessage());
        } catch (StorageException e) {
            return new RecordOutcome(record.bucket(), record.key(), Outcome.RETRY, List.of(), e.getMessage());
        }
        List<String> jobIds = new ArrayList<>();
        boolean created = false;
        for (WatchRule rule : matching) {
            Submission submission = submit(version, rule);
            created |= submission.created();
            jobIds.add(submission.job().id());
        }
        return new RecordOutcome(record.bucket(), record.key(), created ? Outcome.QUEUED : Outcome.KNOWN, jobIds, null);
    }

    public Optional<PipelineJob> find(String jobId) {
        return transactions.withConnection(c -> PipelineRows.find(c, jobId));
    }

    public List<HistoryEntry> history(String jobId) {
        return transactions.withConnection(c -> HistoryRows.of(c, jobId));
    }

    /** The finished steps of every run, in the order they finished. */
    public List<StepTiming> steps(String jobId) {
        return transactions.withConnection(c -> StepRows.of(c, jobId));
    }

    /** Newest first; {@code state} null for all. */
    public List<PipelineJob> list(PipelineState state, int limit) {
        return transactions.withConnection(c -> PipelineRows.list(c, state, limit));
    }

    public Map<PipelineState, Integer> countByState() {
        return transactions.withConnection(PipelineRows::countByState);
    }

    /**
     * Stops a job that has not begun publishing; a step running on some node notices at its next change of
     * state and drops its work. Publishing is not interrupted, so a job's outputs are never left half there.
     */
    public PipelineJob cancel(String jobId) {
        return transactions.inTransaction(c -> {
            Instant now = Instant.now();
            if (PipelineRows.end(c, jobId, 0, CANCELLABLE, PipelineState.CANCELLED, "cancelled by request", now)) {
                HistoryRows.add(c, jobId, PipelineState.CANCELLED, now, "cancelled by request");
                return PipelineRows.find(c, jobId).orElseThrow();
            }
            PipelineJob job = PipelineRows.find(c, jobId).orElseThrow(() -> notFound(jobId));
            throw new PipelineException(PipelineException.Kind.CONFLICT, "job " + jobId + " is "
                    + job.state().label() + "; only queued, analysing or rendering jobs can be cancelled");
        });
    }

    /** A failed or cancelled job starts again from the beginning, as a new run. */
    public PipelineJob retry(String jobId) {
        return transactions.inTransaction(c -> {
            Instant now = Instant.now();
            if (!PipelineRows.restart(c, jobId, now)) {
                PipelineJob job = PipelineRows.find(c, jobId).orElseThrow(() -> notFound(jobId));
                throw new PipelineException(PipelineException.Kind.CONFLICT, "job " + jobId + " is "
                        + job.state().label() + "; only failed or cancelled jobs can be retried");
            }
            SegmentRows.clear(c, jobId);
            PipelineJob job = PipelineRows.find(c, jobId).orElseThrow();
            HistoryRows.add(c, jobId, PipelineState.QUEUED, now, "retried by request (run " + job.run() + ")");
            steps.analyse(jobId, job.run(), SegmentRows.segments(c, jobId));
            return job;
        });
    }

    /** Which of these dedup keys already have a job. */
    Set<String> knownAmong(List<String> dedupKeys) {
        return dedupKeys.isEmpty() ? Set.of() : transactions.withConnection(c -> PipelineRows.knownAmong(c, dedupKeys));
    }

    private ObjectVersion current(S3Location location) {
        try {
            return ObjectVersion.of(store.head(location));
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.NOT_FOUND) {
                throw new PipelineException(PipelineException.Kind.NOT_FOUND, e.getMessage());
            }
            throw e;
        }
    }

    private static PipelineException notFound(String jobId) {
        return new PipelineException(PipelineException.Kind.NOT_FOUND, "no pipeline job " + jobId);
    }

    private static String newJobId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
