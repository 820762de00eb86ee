package faceblur.storage;

import faceblur.testing.AwsCli;
import faceblur.testing.Media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faceblur.testing.Tools;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user does: `aws s3 cp` a video to the local endpoint; faceblur then reads it back bit for bit. */
class AwsCliUploadTest {

    private static final Path VIDEO = Media.media("megamind.mp4");
    private static final String KEY_ID = "local-key";
    private static final String SECRET = "local-secret-0123456789";

    @TempDir
    static Path dir;
    private static Path data;
    private static LocalS3Server server;
    private static ObjectStore store;
    private static AwsCli aws;

    @BeforeAll
    static void start() {
        data = dir.resolve("data");
        server = LocalS3Server.start(data, "127.0.0.1", 0, KEY_ID, SECRET);
        store = ObjectStore.connect(S3Settings.of(server.endpoint(), KEY_ID, SECRET));
        store.createBucketIfMissing("videos");
        aws = new AwsCli(server.endpoint(), KEY_ID, SECRET);
    }

    @AfterAll
    static void stop() {
        store.close();
        server.close();
    }

    @Test
    void awsCliUploadIsReadBackWhole() throws Exception {
        Tools.Result cp = aws.run("s3", "cp", VIDEO.toString(), "s3://videos/in/megamind.mp4");
        assertThat(cp.exitCode()).as(cp.stderr()).isZero();

        // On disk, independently of any S3 code: the bucket is a folder and the key a path in it.
        assertThat(Tools.sha256(data.resolve("videos/in/megamind.mp4"))).isEqualTo(Tools.sha256(VIDEO));

        S3Location location = new S3Location("videos", "in/megamind.mp4", null);
        StoredObject head = store.head(location);
        assertThat(head.size()).isEqualTo(Files.size(VIDEO));
        assertThat(head.location()).isEqualTo(location);
        assertThat(head.eTag()).isNotBlank();
        assertThat(head.lastModified()).isNotNull();

        Path copy = dir.resolve("down/megamind.mp4");
        store.download(location, copy);
        assertThat(Tools.sha256(copy)).isEqualTo(Tools.sha256(VIDEO));
        assertThat(Files.list(copy.getParent())).containsExactly(copy);
    }

    @Test
    void awsCliMultipartUploadIsReadBackWhole() throws Exception {
        // A 1 MB threshold makes the CLI split the 1.2 MB video: the path large videos take.
        Path config = Files.writeString(dir.resolve("aws-config"),
                "[default]\ns3 =\n  multipart_threshold = 1MB\n  multipart_chunksize = 5MB\n");
        AwsCli multipart = new AwsCli(server.endpoint(), KEY_ID, SECRET, config);
        Tools.Result cp = multipart.run("s3", "cp", VIDEO.toString(), "s3://videos/in/parts.mp4", "--debug");
        assertThat(cp.exitCode()).as(cp.stderr()).isZero();
        assertThat(cp.stderr()).contains("CreateMultipartUpload");

        Path copy = dir.resolve("parts.mp4");
        store.download(new S3Location("videos", "in/parts.mp4", null), copy);
        assertThat(Tools.sha256(copy)).isEqualTo(Tools.sha256(VIDEO));
    }

    @Test
    void wrongSecretIsRefusedAndStoresNothing() {
        AwsCli intruder = new AwsCli(server.endpoint(), KEY_ID, "not-the-secret");
        Tools.Result cp = intruder.run("s3", "cp", VIDEO.toString(), "s3://videos/in/intruder.mp4");
        assertThat(cp.exitCode()).isNotZero();
        assertThat(cp.stderr()).contains("SignatureDoesNotMatch");
        assertThat(data.resolve("videos/in/intruder.mp4")).doesNotExist();

        AwsCli unknown = new AwsCli(server.endpoint(), "someone-else", SECRET);
        assertThat(unknown.run("s3", "cp", VIDEO.toString(), "s3://videos/in/intruder.mp4").exitCode()).isNotZero();
        assertThat(data.resolve("videos/in/intruder.mp4")).doesNotExist();
    }

    @Test
    void objectStoreWithWrongSecretIsDenied() {
        try (ObjectStore wrong = ObjectStore.connect(S3Settings.of(server.endpoint(), KEY_ID, "not-the-secret"))) {
            Path source = VIDEO;
            assertThatThrownBy(() -> wrong.upload(source, new S3Location("videos", "in/denied.mp4", null)))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.ACCESS_DENIED))
                    .hasMessageStartingWith("cannot upload to s3://videos/in/denied.mp4: access denied");
        }
        assertThat(data.resolve("videos/in/denied.mp4")).doesNotExist();
    }

    @Test
    void endpointIsTheBoundPort() {
        URI endpoint = server.endpoint();
        assertThat(endpoint.getScheme()).isEqualTo("http");
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        assertThat(endpoint.getPort()).isPositive();
    }
}
