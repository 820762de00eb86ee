package faceblur.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3LocationTest {

    @ParameterizedTest
    @ValueSource(strings = {"a.mp4", "in/2024/clip 1.mp4", "dir/", "a..b", "...", "a/.hidden", "a/..b/c", "été/vidéo.mp4",
            "a//b", "~/x", "a:b"})
    void acceptsKeysThatStayInsideTheirBucket(String key) {
        assertThat(new S3Location("videos", key, null).key()).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../x", "a/../b", "a/..", "./a", "a/./b", "a/.", "/etc/passwd", "/", "a\\..\\b",
            "a\u0000b", "a\nb", "a\u007fb", "a\u0085b", ""})
    void refusesKeysThatCouldEscapeAFolder(String key) {
        assertThatThrownBy(() -> new S3Location("videos", key, null))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_LOCATION);
                    assertThat(e.getMessage()).contains("key").doesNotContain("\n").doesNotContain("\u0000");
                });
    }

    @Test
    void refusesKeysLongerThan1024Utf8Bytes() {
        assertThat(new S3Location("videos", "a".repeat(1024)).key()).hasSize(1024);
        // 512 two-byte characters are 1024 bytes; one more is over, though only 513 characters.
        assertThat(new S3Location("videos", "é".repeat(512)).key()).hasSize(512);
        assertThatThrownBy(() -> new S3Location("videos", "é".repeat(513)))
                .hasMessageContaining("longer than 1024 bytes");
    }

    @Test
    void messageNamesTheKeyAndTheReason() {
        assertThatThrownBy(() -> new S3Location("videos", "in/../../etc/passwd"))
                .hasMessage("the key \"in/../../etc/passwd\" in bucket videos contains a '..' path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket.v2", "Legacy_Bucket", "a1b"})
    void acceptsS3AndRekognitionBucketNames(String bucket) {
        assertThat(new S3Location(bucket, "k").bucket()).isEqualTo(bucket);
    }

    @Test
    void acceptsRekognitionsLongestBucketNames() {
        String bucket = "b".repeat(255);
        assertThat(new S3Location(bucket, "k").bucket()).isEqualTo(bucket);
        assertThatThrownBy(() -> new S3Location("b".repeat(256), "k")).isInstanceOf(StorageException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "..", "...", ".abc", "abc.", "-abc", "a/b", "a b", "bücket"})
    void refusesOtherBucketNames(String bucket) {
        assertThatThrownBy(() -> new S3Location(bucket, "k"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_LOCATION))
                .hasMessageContaining("bucket name");
    }

    @Test
    void refusesANullBucket() {
        assertThatThrownBy(() -> new S3Location(null, "k")).isInstanceOf(StorageException.class);
    }

    @Test
    void parsesAndPrintsS3Uris() {
        S3Location location = S3Location.parse("s3://videos/in/a b.mp4");
        assertThat(location).isEqualTo(new S3Location("videos", "in/a b.mp4", null));
        assertThat(location).hasToString("s3://videos/in/a b.mp4");
        assertThat(location.withKey("out/a b.mp4")).hasToString("s3://videos/out/a b.mp4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"videos/in.mp4", "s3://videos", "s3://videos/", "https://videos/in.mp4", "s3://videos/../x"})
    void parseRefusesWhatIsNotAnObject(String uri) {
        assertThatThrownBy(() -> S3Location.parse(uri))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_LOCATION));
    }

    @Test
    void versionIsOptionalButNeverBlank() {
        assertThat(new S3Location("videos", "a.mp4", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY").version()).isNotNull();
        assertThatThrownBy(() -> new S3Location("videos", "a.mp4", "")).isInstanceOf(StorageException.class);
    }
}
