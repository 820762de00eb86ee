package faceblur.storage;

import faceblur.testing.AwsCli;
import faceblur.testing.Media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faceblur.storage.StorageException.Kind;
import faceblur.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ObjectStore against a separate S3-compatible server, as a node uses a shared store (MinIO, Ceph RGW, AWS). */
class RemoteStoreTest {

    private static final String KEY_ID = "remote-key";
    private static final String SECRET = "remote-secret-abcdef";

    // One server for the class: stopping one waits about two seconds for its connections to drain.
    @TempDir
    static Path serverDir;
    @TempDir
    Path dir;
    private static Path data;
    private static LocalS3Server remote;
    private static ObjectStore store;

    @BeforeAll
    static void start() {
        data = serverDir.resolve("remote-data");
        remote = LocalS3Server.start(data, "127.0.0.1", 0, KEY_ID, SECRET);
        store = ObjectStore.connect(S3Settings.of(remote.endpoint(), KEY_ID, SECRET));
        store.createBucketIfMissing("jobs");
    }

    @AfterAll
    static void stop() {
        store.close();
        remote.close();
    }

    @Test
    void createBucketIfMissingIsIdempotent() {
        store.createBucketIfMissing("jobs");
        assertThat(data.resolve("jobs")).isDirectory();
    }

    @Test
    void uploadsWholeFilesWithTheirContentType() throws Exception {
        Path video = Media.media("megamind.mp4");
        Path json = Files.writeString(dir.resolve("faces.json"), "{\"Faces\":[]}");
        Path other = Files.write(dir.resolve("frame.bin"), new byte[] {1, 2, 3});
        store.upload(video, new S3Location("jobs", "out/a/video.mp4", null));
        store.upload(json, new S3Location("jobs", "out/a/faces.json", null));
        store.upload(other, new S3Location("jobs", "out/b/frame.bin", null));

        assertThat(Tools.sha256(data.resolve("jobs/out/a/video.mp4"))).isEqualTo(Tools.sha256(video));
        AwsCli aws = new AwsCli(remote.endpoint(), KEY_ID, SECRET);
        assertThat(contentType(aws, "out/a/video.mp4")).isEqualTo("video/mp4");
        assertThat(contentType(aws, "out/a/faces.json")).isEqualTo("application/json");
        assertThat(contentType(aws, "out/b/frame.bin")).isEqualTo("application/octet-stream");
    }

    private static String contentType(AwsCli aws, String key) {
        Tools.Result head = aws.run("s3api", "head-object", "--bucket", "jobs", "--key", key,
                "--query", "ContentType", "--output", "text");
        assertThat(head.exitCode()).as(head.stderr()).isZero();
        return head.out().trim();
    }

    @Test
    void listsEveryObjectUnderAPrefix() throws Exception {
        store.createBucketIfMissing("listing");
        Path small = Files.writeString(dir.resolve("x.json"), "{}");
        for (String key : List.of("in/1.json", "out/2.json", "out/1.json", "out/sub/3.json", "outer.json")) {
            store.upload(small, new S3Location("listing", key, null));
        }
        List<StoredObject> out = store.list("listing", "out/");
        assertThat(out).extracting(o -> o.location().key()).containsExactly("out/1.json", "out/2.json", "out/sub/3.json");
        assertThat(out).allSatisfy(o -> {
            assertThat(o.size()).isEqualTo(2);
            assertThat(o.eTag()).isNotBlank();
            assertThat(o.lastModified()).isNotNull();
            assertThat(o.location().bucket()).isEqualTo("listing");
        });
        assertThat(store.list("listing", "")).hasSize(5);
        assertThat(store.list("listing", null)).hasSize(5);
        assertThat(store.list("listing", "nothing/")).isEmpty();
    }

    @Test
    void listOfAMissingBucketIsNotFound() {
        assertThatThrownBy(() -> store.list("no-such-bucket", "x/"))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining("s3://no-such-bucket/x/");
    }

    @Test
    void headOfAMissingObjectOrBucketIsNotFound() {
        assertThatThrownBy(() -> store.head(new S3Location("jobs", "missing.mp4", null)))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageStartingWith("cannot read s3://jobs/missing.mp4: it does not exist");
        assertThatThrownBy(() -> store.head(new S3Location("no-such-bucket", "a.mp4", null)))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void downloadOfAMissingObjectIsNotFoundAndLeavesNoFile() throws Exception {
        Path target = dir.resolve("downloads/missing.mp4");
        assertThatThrownBy(() -> store.download(new S3Location("jobs", "missing.mp4", null), target))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageStartingWith("cannot download s3://jobs/missing.mp4: it does not exist");
        try (var left = Files.list(target.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void downloadReplacesAnOlderFileWhole() throws Exception {
        Path source = Files.writeString(dir.resolve("new.json"), "{\"new\":true}");
        store.upload(source, new S3Location("jobs", "a.json", null));
        Path target = Files.writeString(dir.resolve("a.json"), "old");
        store.download(new S3Location("jobs", "a.json", null), target);
        assertThat(target).hasContent("{\"new\":true}");
    }

    @Test
    void uploadToAMissingBucketIsNotFound() throws Exception {
        Path source = Files.writeString(dir.resolve("a.json"), "{}");
        assertThatThrownBy(() -> store.upload(source, new S3Location("no-such-bucket", "a.json", null)))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void uploadOfAMissingFileNamesIt() {
        Path missing = dir.resolve("missing.mp4");
        assertThatThrownBy(() -> store.upload(missing, new S3Location("jobs", "a.mp4", null)))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aStoppedServerIsTransient() throws Exception {
        ObjectStore orphan;
        try (LocalS3Server doomed = LocalS3Server.start(dir.resolve("doomed"), "127.0.0.1", 0, KEY_ID, SECRET)) {
            orphan = ObjectStore.connect(S3Settings.of(doomed.endpoint(), KEY_ID, SECRET));
        }
        try (ObjectStore gone = orphan) {
            assertTransient(gone);
        }
    }

    private void assertTransient(ObjectStore gone) throws Exception {
        Path target = dir.resolve("gone.mp4");
        assertThatThrownBy(() -> gone.head(new S3Location("jobs", "a.mp4", null)))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                    assertThat(e.getMessage()).startsWith("cannot read s3://jobs/a.mp4: ").doesNotContain("\n");
                });
        assertThatThrownBy(() -> gone.download(new S3Location("jobs", "a.mp4", null), target))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
        assertThat(target).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left).noneMatch(p -> p.getFileName().toString().endsWith(".part"));
        }
    }
}
