package faceblur.server;

import faceblur.testing.AwsClients;
import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.SdkClients;
import faceblur.testing.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;
import software.amazon.awssdk.services.rekognition.model.VideoTooLargeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static faceblur.testing.AwsClients.TEST_KEY_ID;
import static faceblur.testing.AwsClients.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's own limits and failures, as a client sees them: a video over the size limit is refused at
 * once, one over the duration limit or one that is not a video fails its job with the reason; and the server
 * will not listen beyond this machine without access keys.
 */
class ServeLimitsTest {

    private static ServerProcess server;

    @BeforeAll
    static void start() throws IOException {
        server = ServerProcess.start(Map.of(), "--data", Files.createTempDirectory("faceblur-limits").toString(),
                "--port", "0", "--s3-port", "0", "--threads", "1",
                "--max-video-size", "1M", "--max-video-duration", "5s");
        Path longClip = Media.fixture("testsrc-10s.mp4", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=10:duration=10", "-c:v", "libx264", "-pix_fmt", "yuv420p");
        Path notAVideo = Files.createTempFile("faceblur", ".mp4");
        Files.writeString(notAVideo, "this is not a video\n".repeat(100));
        upload(Media.media("megamind.mp4"), "s3://limits/megamind.mp4");
        upload(longClip, "s3://limits/ten-seconds.mp4");
        upload(notAVideo, "s3://limits/not-a-video.mp4");
    }

    private static void upload(Path file, String target) {
        AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "mb", "s3://limits");
        assertThat(AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "cp", file.toString(), target)
                .exitCode()).isZero();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String start(RekognitionClient rekognition, String key) {
        return rekognition.startFaceDetection(r -> r.video(v -> v.s3Object(o -> o.bucket("limits").name(key))))
                .jobId();
    }

    @Test
    void aVideoOverTheSizeLimitIsRefusedWithVideoTooLarge() {
        try (RekognitionClient rekognition = SdkClients.rekognition(server.api(), TEST_KEY_ID, TEST_SECRET)) {
            assertThatThrownBy(() -> start(rekognition, "megamind.mp4"))
                    .isInstanceOf(VideoTooLargeException.class)
                    .hasMessageContaining("1048576");
        }
    }

    @Test
    void aVideoOverTheDurationLimitAndAFileThatIsNoVideoFailTheirJobsWithTheReason() throws Exception {
        try (RekognitionClient rekognition = SdkClients.rekognition(server.api(), TEST_KEY_ID, TEST_SECRET)) {
            GetFaceDetectionResponse tooLong = SdkClients.awaitJob(rekognition, start(rekognition, "ten-seconds.mp4"));
            assertThat(tooLong.jobStatus()).isEqualTo(VideoJobStatus.FAILED);
            assertThat(tooLong.statusMessage()).contains("ten-seconds.mp4", "10 s", "5 s");
            assertThat(tooLong.faces()).isEmpty();

            GetFaceDetectionResponse junk = SdkClients.awaitJob(rekognition, start(rekognition, "not-a-video.mp4"));
            assertThat(junk.jobStatus()).isEqualTo(VideoJobStatus.FAILED);
            assertThat(junk.statusMessage()).contains("s3://limits/not-a-video.mp4").doesNotContain("Exception", "\tat ")
                    .as("no path of the server's own").doesNotContain(System.getProperty("java.io.tmpdir"))
                    .doesNotContain("faceblur-limits");
        }
    }

    @Test
    void withoutAccessKeysItRefusesToListenBeyondThisMachine() throws IOException {
        Cli.Outcome outcome = Cli.run("serve", "--host", "0.0.0.0", "--port", "0", "--s3-port", "0",
                "--data", Files.createTempDirectory("faceblur-exposed").toString(),
                "--model", Media.model().toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("refusing to listen on 0.0.0.0", "FACEBLUR_ACCESS_KEY_ID");
    }
}
