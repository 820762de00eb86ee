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
import java.util.Set;

/**
 * Lists one watched folder at an interval and queues what is new. One recurring task per rule, named by the
 * rule, so that the listing runs on one node at a time however many nodes carry the rule, and only on those.
 */
final class Watcher {

    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

    private final WatchRule rule;
    private final ObjectStore store;
    private final PipelineJobs jobs;

    Watcher(WatchRule rule, ObjectStore store, PipelineJobs jobs) {
        this.rule = rule;
        this.store = store;
        this.jobs = jobs;
    }

    RecurringTask<Void> task(Duration interval) {
        String name = "pipeline-watch-" + Sha256.hex(rule.id()).substring(0, 16);
        return Tasks.recurring(name, FixedDelay.of(interval)).execute((instance, context) -> listOnce());
    }

    /** Returns how many objects were queued. A store that is away is tried again at the next interval. */
    int listOnce() {
        try {
            Set<String> known = jobs.knownKeys(rule);
            int queued = 0;
            for (StoredObject object : store.list(rule.source().bucket(), rule.source().prefix())) {
                ObjectVersion version = ObjectVersion.of(object);
                // folder markers, and keys the database already has: skip them before asking for a transaction
                if (object.location().key().endsWith("/") || known.contains(PipelineRows.dedupKey(version, rule.id()))) {
                    continue;
                }
                if (jobs.submit(version, rule).created()) {
                    queued++;
                }
            }
            if (queued > 0) {
                LOG.info("{}: {} new objects queued", rule, queued);
            }
            return queued;
        } catch (StorageException e) {
            LOG.warn("Cannot list {}: {}", rule.source(), e.getMessage());
            return 0;
        }
    }
}
