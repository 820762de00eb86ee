package faceblur.server;

import faceblur.testing.AwsClients;
import faceblur.testing.Browser;
import faceblur.testing.Media;
import faceblur.testing.SdkClients;
import faceblur.testing.ServerProcess;
import faceblur.testing.StudioClient;
import faceblur.testing.Tools;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static faceblur.testing.AwsClients.TEST_KEY_ID;
import static faceblur.testing.AwsClients.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS SDK for Java v2's own Rekognition client against a server that requires SigV4 with configured keys:
 * the right key works end to end; a wrong secret or an unknown key gets AWS's errors; a full queue refuses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeJavaSdkTest {

    private static ServerProcess server;

    @BeforeAll
    static void start() throws IOException {
        Path data = Files.createTempDirectory("faceblur-sdk");
        server = ServerProcess.start(Map.of("FACEBLUR_ACCESS_KEY_ID", TEST_KEY_ID,
                        "FACEBLUR_SECRET_ACCESS_KEY", TEST_SECRET),
                "--data", data.toString(), "--port", "0", "--s3-port", "0", "--threads", "2",
                "--concurrency", "1", "--queue-limit", "3");
        assertThat(AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "mb", "s3://clips").exitCode())
                .isZero();
        Tools.Result upload = AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "cp",
                Media.media("megamind.mp4").toString(), "s3://clips/megamind.mp4");
        assertThat(upload.exitCode()).as(upload.stderr()).isZero();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RekognitionClient client(String keyId, String secret) {
        return SdkClients.rekognition(server.api(), keyId, secret);
    }

    @Test
    @Order(1)
    void javaSdkRunsAJobToTheEndAndPagesIt() throws InterruptedException {
        try (RekognitionClient rekognition = client(TEST_KEY_ID, TEST_SECRET)) {
            String jobId = rekognition.startFaceDetection(r -> r
                    .video(v -> v.s3Object(o -> o.bucket("clips").name("megamind.mp4")))
                    .clientRequestToken("java-sdk-1").jobTag("java-sdk")).jobId();
            GetFaceDetectionResponse status = SdkClients.awaitJob(rekognition, jobId);
            assertThat(status.jobStatus()).isEqualTo(VideoJobStatus.SUCCEEDED);
            assertThat(status.videoMetadata().frameWidth()).isEqualTo(720);
            // newer models echo the job on every page (Debian's older botocore does not know these fields)
            assertThat(status.jobId()).isEqualTo(jobId);
            assertThat(status.jobTag()).isEqualTo("java-sdk");
            assertThat(status.video().s3Object().name()).isEqualTo("megamind.mp4");

            List<FaceDetection> faces = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String next = token;
                GetFaceDetectionResponse page = rekognition.getFaceDetection(r -> r.jobId(jobId).maxResults(25)
                        .nextToken(next));
                faces.addAll(page.faces());
                token = page.nextToken();
                pages++;
            } while (token != null);
            assertThat(pages).isGreaterThan(1);
            assertThat(faces).hasSize(status.faces().size());
            assertThat(faces).isSortedAccordingTo((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
            assertThat(faces.get(0).face().landmarks()).hasSize(5);

            assertThatThrownBy(() -> rekognition.getFaceDetection(r -> r.jobId("no-such-job")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    @Order(2)
    void wrongSecretAndUnknownKeyAreRefusedAsAwsRefusesThem() {
        try (RekognitionClient wrongSecret = client(TEST_KEY_ID, "not-the-secret");
             RekognitionClient unknownKey = client("AKIDUNKNOWN", TEST_SECRET)) {
            assertThat(errorCode(() -> wrongSecret.getFaceDetection(r -> r.jobId("x"))))
                    .isEqualTo("InvalidSignatureException");
            assertThat(errorCode(() -> unknownKey.getFaceDetection(r -> r.jobId("x"))))
                    .isEqualTo("UnrecognizedClientException");
        }
        Tools.Result cli = AwsClients.aws(server.api(), TEST_KEY_ID, "not-the-secret", "rekognition",
                "get-face-detection", "--job-id", "x");
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.stderr()).contains("InvalidSignatureException");
        Tools.Result s3 = AwsClients.aws(server.s3(), TEST_KEY_ID, "not-the-secret", "s3", "ls", "s3://clips");
        assertThat(s3.exitCode()).isNotZero();
    }

    /**
     * The built-in store keeps no versions: a Version is answered as AWS answers one it never issued
     * (InvalidS3ObjectException, which clients do not retry), not as a server fault they retry for ever.
     */
    @Test
    @Order(2)
    void aVersionTheStoreDoesNotHaveIsAnInvalidObject() {
        try (RekognitionClient rekognition = client(TEST_KEY_ID, TEST_SECRET)) {
            assertThatThrownBy(() -> rekognition.startFaceDetection(r -> r
                    .video(v -> v.s3Object(o -> o.bucket("clips").name("megamind.mp4").version("3HL4kqtJvjVBH40Nrjfkd")))))
                    .isInstanceOf(software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException.class)
                    .hasMessageContaining("version");
        }
    }

    /** Last: it leaves jobs in the queue. */
    @Test
    @Order(3)
    void jobsBeyondTheQueueLimitAreRefusedWithLimitExceeded() {
        try (RekognitionClient rekognition = client(TEST_KEY_ID, TEST_SECRET)) {
            List<String> accepted = new ArrayList<>();
            Throwable refused = null;
            for (int i = 0; i < 6 && refused == null; i++) {
                int n = i;
                try {
                    accepted.add(rekognition.startFaceDetection(r -> r
                            .video(v -> v.s3Object(o -> o.bucket("clips").name("megamind.mp4")))
                            .jobTag("queue-" + n)).jobId());
                } catch (LimitExceededException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("accepted %s", accepted).isInstanceOf(LimitExceededException.class);
            assertThat(accepted.size()).isBetween(1, 3);
            for (String id : accepted) {
                assertThat(rekognition.getFaceDetection(r -> r.jobId(id)).jobStatus())
                        .isIn(VideoJobStatus.IN_PROGRESS, VideoJobStatus.SUCCEEDED);
            }
        }
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (RekognitionException e) {
            return e.awsErrorDetails().errorCode();
        } catch (SdkException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /**
     * The studio under /studio of the same server: a browser signs in with the access key (it cannot sign
     * SigV4), gets a session cookie, and sees the buckets' videos; a wrong secret gets nothing. An export can be
     * written back beside its source, with its reports.
     */
    @Test
    @Order(20)
    void studioSignsInWithAnAccessKeyAndReviewsBucketVideos() throws IOException {
        URI studio = server.api().resolve("/studio/");
        StudioClient browser = new StudioClient(studio);
        HttpResponse<String> page = browser.raw("GET", "", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("secretAccessKey");
        assertThat(browser.raw("GET", "api/videos", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = browser.raw("POST", "api/signin",
                "{\"accessKeyId\":\"" + TEST_KEY_ID + "\",\"secretAccessKey\":\"nope\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(browser.raw("GET", "api/videos", null).statusCode()).isEqualTo(401);
        HttpResponse<String> right = browser.raw("POST", "api/signin",
                "{\"accessKeyId\":\"" + TEST_KEY_ID + "\",\"secretAccessKey\":\"" + TEST_SECRET + "\"}");
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(right.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
                assertThat(c).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/studio/"));
        browser.signInWith(null);
        assertThat(browser.get("api/videos").toString()).contains("s3://clips/megamind.mp4");
        assertThat(browser.get("api/session").path("user").asText()).isEqualTo(TEST_KEY_ID);
        String id = browser.post("api/projects", "{\"path\":\"s3://clips/megamind.mp4\"}").path("id").asText();
        browser.awaitReady(id);
        assertThat(browser.get("api/projects/" + id).path("video").path("frames").asInt()).isEqualTo(271);
        assertThat(browser.raw("POST", "api/projects", "{\"path\":\"s3://clips/../secret\"}").statusCode())
                .isIn(400, 403);

        // The export goes back beside its source in the bucket, with its reports, when asked.
        assertThat(browser.get("api/projects/" + id).path("status").path("export").path("bucketFolder").asText())
                .isEqualTo("s3://clips/");
        browser.post("api/projects/" + id + "/export", "{\"toBucket\":true}");
        JsonNode done = browser.awaitExport(id).path("export");
        String file = done.path("file").asText();
        assertThat(done.path("writtenTo").asText()).isEqualTo("s3://clips/" + file);
        Tools.Result listed = AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "ls", "s3://clips/");
        assertThat(listed.out()).contains(file, file + ".report.json", file + ".report.txt");
        Path fetched = Files.createTempDirectory("faceblur-sdk-export").resolve(file);
        assertThat(AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "cp", "s3://clips/" + file,
                fetched.toString()).exitCode()).isZero();
        assertThat(fetched).hasBinaryContent(browser.bytes("api/projects/" + id + "/export/video").body());
    }

    /** The sign-in page in Debian's chromium: a wrong secret is refused on the page, the right one opens it. */
    @Test
    @Order(21)
    void studioSignInPageInABrowser() {
        ChromeDriver chromium = Browser.start();
        try {
            chromium.get(server.api().resolve("/studio").toString());
            WebDriverWait wait = new WebDriverWait(chromium, Duration.ofSeconds(20));
            chromium.findElement(By.id("access-key-id")).sendKeys(TEST_KEY_ID);
            chromium.findElement(By.id("secret-access-key")).sendKeys("wrong");
            chromium.findElement(By.id("signin-button")).click();
            wait.until(d -> d.getPageSource().contains("wrong access key id or secret access key"));
            chromium.findElement(By.id("secret-access-key")).clear();
            chromium.findElement(By.id("secret-access-key")).sendKeys(TEST_SECRET);
            chromium.findElement(By.id("signin-button")).click();
            wait.until(d -> !d.findElements(By.cssSelector("#videos [data-video-path='s3://clips/megamind.mp4']")).isEmpty());
            assertThat(chromium.getCurrentUrl()).endsWith("/studio/");
        } finally {
            chromium.quit();
        }
    }
}
