package faceblur.pipeline;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import faceblur.jobs.JobDatabase;
import faceblur.storage.LocalS3Server;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.storage.S3Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload watcher against S3Proxy and a SQLite job database: after its first whole listing, a listing with
 * nothing new gets nothing from the store and reads nothing from the database, however many objects the folder
 * holds; new keys after the cursor are found at once, keys sorting before it and overwrites at the next sweep.
 */
class WatcherTest {

    private static final String KEY = "AKIDWATCHERTEST";
    private static final String SECRET = "watcher-test-secret";

    @TempDir
    Path dir;
    private LocalS3Server server;
    private ObjectStore store;
    private JobDatabase db;
    private PipelineJobs jobs;
    private final WatchRule rule = new WatchRule(S3Prefix.parse("s3://uploads/in/"), S3Prefix.parse("s3://public/out/"),
            OutputNaming.defaults());

    @BeforeEach
    void start() throws IOException {
        server = LocalS3Server.start(dir.resolve("s3"), "127.0.0.1", 0, KEY, SECRET);
        store = ObjectStore.connect(S3Settings.of(server.endpoint(), KEY, SECRET));
        store.createBucketIfMissing("uploads");
        db = JobDatabase.open("jdbc:sqlite:" + dir.resolve("jobs.db"));
        SchedulerClient client = SchedulerClient.Builder.create(db.dataSource()).serializer(new JacksonSerializer()).build();
        jobs = new PipelineJobs(db.transactions(), new StepScheduler(client), store, List.of(rule), OutputNaming.defaults());
    }

    @AfterEach
    void stop() {
        store.close();
        server.close();
        db.close();
    }

    @Test
    void steadyListingsCostNothingAndNewKeysAreStillFound() throws IOException {
        for (int i = 0; i < 40; i++) {
            put(String.format("in/clip-%03d.mp4", i), "video " + i);
        }
        put("in/", ""); // a folder marker is no upload
        Watcher watcher = new Watcher(rule, store, jobs, 4);

        assertThat(watcher.listOnce()).isEqualTo(new Watcher.Poll(true, 41, 40, 40));
        assertThat(watcher.listOnce()).as("nothing new: nothing listed, nothing read")
                .isEqualTo(new Watcher.Poll(false, 0, 0, 0));

        put("in/clip-900.mp4", "a new upload");
        assertThat(watcher.listOnce()).as("a key after the cursor, at once").isEqualTo(new Watcher.Poll(false, 1, 1, 1));

        put("in/a-early.mp4", "sorts before every key seen");
        put("in/clip-005.mp4", "overwritten in place");
        assertThat(watcher.listOnce()).isEqualTo(new Watcher.Poll(false, 0, 0, 0));
        assertThat(watcher.listOnce()).as("the fourth listing is whole: only the two changes are looked up")
                .isEqualTo(new Watcher.Poll(true, 43, 2, 2));
        assertThat(watcher.listOnce()).isEqualTo(new Watcher.Poll(false, 0, 0, 0));

        // Another node (or a restart) starts with a whole listing; the database knows every object.
        assertThat(new Watcher(rule, store, jobs, 4).listOnce()).isEqualTo(new Watcher.Poll(true, 43, 42, 0));
        assertThat(jobCount()).isEqualTo(43);
    }

    @Test
    void anEmptiedFolderIsWatchedFromItsStartAgain() throws IOException {
        put("in/z.mp4", "last");
        Watcher watcher = new Watcher(rule, store, jobs, 2);
        assertThat(watcher.listOnce().queued()).isEqualTo(1);
        store.delete(new S3Location("uploads", "in/z.mp4"));
        assertThat(watcher.listOnce()).isEqualTo(new Watcher.Poll(false, 0, 0, 0));
        assertThat(watcher.listOnce()).isEqualTo(new Watcher.Poll(true, 0, 0, 0));
        put("in/a.mp4", "before the old cursor");
        assertThat(watcher.listOnce()).isEqualTo(new Watcher.Poll(false, 1, 1, 1));
    }

    /**
     * faceblur's S3 endpoint writes an upload to KEY-UUID and renames it to KEY when whole: a listing in between
     * must neither queue that copy (its job failed with 404) nor move its cursor past KEY (found only at the
     * next whole listing, minutes later).
     */
    @Test
    void anUploadStillBeingWrittenIsNoJobAndItsKeyIsFoundOnceWhole() throws IOException {
        put("in/a.mp4", "first");
        Watcher watcher = new Watcher(rule, store, jobs, 10);
        assertThat(watcher.listOnce().queued()).isEqualTo(1);

        String copy = "in/clip.mp4-" + java.util.UUID.randomUUID();
        put(copy, "half an upload");
        put("in/z.mp4", "a whole upload after it");
        assertThat(watcher.listOnce()).as("the copy is no job; the upload after it is")
                .isEqualTo(new Watcher.Poll(false, 2, 1, 1));
        store.delete(new S3Location("uploads", copy));
        put("in/clip.mp4", "the whole upload");
        assertThat(watcher.listOnce().queued()).as("its key, at the next listing").isEqualTo(1);
        assertThat(jobCount()).isEqualTo(3);
    }

    private void put(String key, String content) throws IOException {
        Path file = Files.writeString(dir.resolve("upload"), content);
        store.upload(file, new S3Location("uploads", key));
    }

    private int jobCount() {
        return db.transactions().withConnection(c -> {
            try (var rs = c.createStatement().executeQuery("select count(*) from pipeline_jobs")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
