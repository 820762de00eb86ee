package faceblur.pipeline;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import faceblur.storage.ObjectStore;
import faceblur.storage.StorageException;
import faceblur.storage.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lists one watched folder at an interval and queues what is new. One recurring task per rule, named by the
 * rule, so that the listing runs on one node at a time however many nodes carry the rule, and only on those.
 *
 * <p>Listing the whole folder and reading every known key from the database each interval costs more the more
 * the folder has ever held. So the watcher remembers what it handled: a listing goes on after the greatest key
 * seen (S3 lists in key order: one request when nothing was added), and only objects it has not seen at that
 * ETag are looked up in the database. Keys can also arrive that sort before that cursor, or an object be
 * overwritten in place, so every {@link #SWEEP_EVERY}th listing is whole again, still reading the database only
 * for what changed. Memory is per node; another node starts with a whole listing, and the database's dedup key
 * keeps their announcements to one job.
 */
final class Watcher {

    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    /**
     * faceblur's own S3 endpoint (S3Proxy's filesystem store) writes an upload to {@code KEY-UUID} beside
     * {@code KEY} and renames it when it is whole; a listing meanwhile shows that copy, which is no upload.
     */
    private static final Pattern UPLOAD_IN_PROGRESS = Pattern.compile(
            ".+-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    /** Every how many listings the whole folder is listed: at the default 30 s, every 5 minutes. */
    static final int SWEEP_EVERY = 10;

    private final WatchRule rule;
    private final ObjectStore store;
    private final PipelineJobs jobs;
    private final int sweepEvery;
    /** Key to ETag of every object handled (queued, or already known to the database) since the last sweep. */
    private final Map<String, String> handled = new HashMap<>();
    /** The greatest key listed (null: none yet); after it, a listing finds what is new. */
    private String cursor;
    private boolean sweptOnce;
    private int sinceSweep;

    /** What one listing did: whether it was whole, how many objects it got, looked up and queued. */
    record Poll(boolean whole, int listed, int lookedUp, int queued) {
    }

    Watcher(WatchRule rule, ObjectStore store, PipelineJobs jobs) {
        this(rule, store, jobs, SWEEP_EVERY);
    }

    Watcher(WatchRule rule, ObjectStore store, PipelineJobs jobs, int sweepEvery) {
        this.rule = rule;
        this.store = store;
        this.jobs = jobs;
        this.sweepEvery = sweepEvery;
    }

    RecurringTask<Void> task(Duration interval) {
        String name = "pipeline-watch-" + Sha256.hex(rule.id()).substring(0, 16);
        return Tasks.recurring(name, FixedDelay.of(interval)).execute((instance, context) -> listOnce());
    }

    /** One listing; a store that is away is tried again at the next interval. */
    synchronized Poll listOnce() {
        boolean whole = !sweptOnce || sinceSweep + 1 >= sweepEvery;
        List<StoredObject> objects;
        try {
            objects = store.list(rule.source().bucket(), rule.source().prefix(), whole ? null : cursor);
        } catch (StorageException e) {
            LOG.warn("Cannot list {}: {}", rule.source(), e.getMessage());
            return new Poll(whole, 0, 0, 0);
        }
        Map<String, ObjectVersion> unseen = new HashMap<>();
        int firstUnfinished = -1;
        for (int i = 0; i < objects.size(); i++) {
            StoredObject object = objects.get(i);
            ObjectVersion version = ObjectVersion.of(object);
            String key = object.location().key();
            if (UPLOAD_IN_PROGRESS.matcher(key).matches()) {
                firstUnfinished = firstUnfinished < 0 ? i : firstUnfinished;
                continue;
            }
            // folder markers are no uploads
            if (!key.endsWith("/") && !String.valueOf(version.eTag()).equals(handled.get(key))) {
                unseen.put(PipelineRows.dedupKey(version, rule.id()), version);
            }
        }
        Set<String> known = jobs.knownAmong(List.copyOf(unseen.keySet()));
        int queued = 0;
        for (Map.Entry<String, ObjectVersion> candidate : unseen.entrySet()) {
            ObjectVersion version = candidate.getValue();
            if (!known.contains(candidate.getKey()) && jobs.submit(version, rule).created()) {
                queued++;
            }
            handled.put(version.location().key(), String.valueOf(version.eTag()));
        }
        // Only once everything listed was handled: a failure above leaves the cursor where it was.
        if (whole) {
            Set<String> present = new HashSet<>();
            objects.forEach(o -> present.add(o.location().key()));
            handled.keySet().retainAll(present); // deleted objects are forgotten
            sinceSweep = 0;
            sweptOnce = true;
        } else {
            sinceSweep++;
        }
        if (whole || !objects.isEmpty()) {
            // in the store's key order: after a whole listing its greatest key, after a partial one greater still
            // An upload still being written sorts after the key it will have: stop before it, so that the
            // next listing finds that key.
            int last = firstUnfinished >= 0 ? firstUnfinished - 1 : objects.size() - 1;
            cursor = last < 0 ? (whole ? null : cursor) : objects.get(last).location().key();
        }
        if (queued > 0) {
            LOG.info("{}: {} new objects queued", rule, queued);
        }
        return new Poll(whole, objects.size(), unseen.size(), queued);
    }
}
