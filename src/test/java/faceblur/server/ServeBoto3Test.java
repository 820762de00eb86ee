package faceblur.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.testing.AwsClients;
import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import faceblur.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static faceblur.testing.AwsClients.TEST_KEY_ID;
import static faceblur.testing.AwsClients.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code faceblur serve} with the clients people already use: the AWS CLI uploads to its S3 endpoint, and
 * boto3 code written for Amazon Rekognition Video runs against it with only {@code endpoint_url} changed.
 * Results are checked against ffprobe and against {@code faceblur detect} on the same file.
 */
class ServeBoto3Test {

    private static final Path VIDEO = Media.media("megamind.mp4");
    private static ServerProcess server;

    @BeforeAll
    static void startServerAndUpload() throws IOException {
        Path data = Files.createTempDirectory("faceblur-serve");
        server = ServerProcess.start(Map.of(), "--data", data.toString(), "--port", "0", "--s3-port", "0",
                "--threads", "2");
        assertThat(aws("s3", "mb", "s3://videos").exitCode()).isZero();
        Tools.Result upload = aws("s3", "cp", VIDEO.toString(), "s3://videos/clips/megamind.mp4");
        assertThat(upload.exitCode()).as(upload.stderr()).isZero();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Tools.Result aws(String... args) {
        return AwsClients.aws(server.s3(), TEST_KEY_ID, TEST_SECRET, args);
    }

    /** The AWS notebook's own cells, STS's GetCallerIdentity first, with nothing changed but the endpoints. */
    @Test
    void theAwsNotebookRunsWithOnlyTheEndpointChanged() {
        JsonNode out = AwsClients.python("aws_notebook.py", TEST_KEY_ID, TEST_SECRET, server.api().toString(),
                server.s3().toString(), Media.media("megamind.mp4").toString());
        assertThat(out.get("account").asText()).isEqualTo("000000000000");
        assertThat(out.get("arn").asText()).isEqualTo("arn:aws:iam::000000000000:user/" + TEST_KEY_ID);
        assertThat(out.get("user_id").asText()).isEqualTo(TEST_KEY_ID);
        assertThat(out.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.get("faces").asInt()).isGreaterThan(100);
        assertThat(out.get("pages").asInt()).isPositive();
    }

    @Test
    void boto3StartsPollsAndPagesAJobWhoseResultsMatchFfprobeAndTheCli() throws IOException {
        JsonNode out = AwsClients.python("rekognition_client.py", TEST_KEY_ID, TEST_SECRET,
                server.api().toString(), "flow", "videos", "clips/megamind.mp4", "token-flow-1");

        assertThat(out.get("status").asText()).as(out.toString()).isEqualTo("SUCCEEDED");
        assertThat(out.get("same_token_job_id").asText()).isEqualTo(out.get("job_id").asText());

        JsonNode meta = out.get("video_metadata");
        assertThat(meta.get("FrameWidth").asInt()).isEqualTo(Integer.parseInt(Tools.stream("v:0", "width", VIDEO)));
        assertThat(meta.get("FrameHeight").asInt()).isEqualTo(Integer.parseInt(Tools.stream("v:0", "height", VIDEO)));
        assertThat(meta.get("Codec").asText()).isEqualTo(Tools.stream("v:0", "codec_name", VIDEO));
        String[] rate = Tools.stream("v:0", "r_frame_rate", VIDEO).split("/");
        assertThat(meta.get("FrameRate").asDouble())
                .isCloseTo(Double.parseDouble(rate[0]) / Double.parseDouble(rate[1]), within(0.01));
        double durationMs = Double.parseDouble(Tools.stream("v:0", "duration", VIDEO)) * 1000;
        assertThat(meta.get("DurationMillis").asDouble()).isCloseTo(durationMs, within(100.0));
        assertThat(out.get("metadata_on_every_page").asBoolean()).isTrue();

        List<Integer> pages = new ArrayList<>();
        out.get("page_sizes").forEach(n -> pages.add(n.asInt()));
        JsonNode faces = out.get("faces");
        assertThat(pages).hasSizeGreaterThan(2);
        assertThat(pages.subList(0, pages.size() - 1)).allMatch(n -> n == 10);
        assertThat(pages.get(pages.size() - 1)).isBetween(1, 10);
        assertThat(pages.stream().mapToInt(Integer::intValue).sum()).isEqualTo(faces.size());

        long previous = -1;
        for (JsonNode face : faces) {
            long t = face.get("Timestamp").asLong();
            assertThat(t).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo((long) durationMs);
            previous = t;
            JsonNode box = face.at("/Face/BoundingBox");
            assertThat(box.get("Width").asDouble()).isBetween(0.01, 1.0);
            assertThat(box.get("Left").asDouble() + box.get("Width").asDouble()).isBetween(0.0, 1.5);
            assertThat(face.at("/Face/Confidence").asDouble()).isBetween(0.0, 100.0);
            assertThat(face.at("/Face/Landmarks")).hasSize(5);
        }

        // the service and 'faceblur detect' are one code path: the same faces at the same times
        Path json = Files.createTempFile("megamind", ".faces.json");
        assertThat(Cli.run("detect", VIDEO.toString(), "-o", json.toString(), "--overwrite", "-q").exitCode())
                .isZero();
        JsonNode cli = new ObjectMapper().readTree(json.toFile()).get("Faces");
        assertThat(faces.size()).isEqualTo(cli.size());
        for (int i = 0; i < cli.size(); i++) {
            assertThat(faces.get(i).get("Timestamp").asLong()).isEqualTo(cli.get(i).get("Timestamp").asLong());
            assertThat(faces.get(i).at("/Face/BoundingBox/Left").asDouble())
                    .isCloseTo(cli.get(i).at("/Face/BoundingBox/Left").asDouble(), within(1e-6));
        }
    }

    @Test
    void eachBadCallRaisesItsOwnBoto3ExceptionClass() {
        JsonNode out = AwsClients.python("rekognition_client.py", TEST_KEY_ID, TEST_SECRET,
                server.api().toString(), "errors", "videos", "clips/megamind.mp4");

        assertThat(out.get("unknown_job").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(out.get("missing_object").asText()).isEqualTo("InvalidS3ObjectException");
        // constraint violations are ValidationException, as AWS answers them (not in the model: a ClientError)
        assertThat(out.get("bad_face_attributes").asText()).isEqualTo("ClientError:ValidationException");
        assertThat(out.get("token_reused").asText()).isEqualTo("IdempotentParameterMismatchException");
        assertThat(out.get("tampered_token").asText()).isEqualTo("InvalidPaginationTokenException");
        assertThat(out.get("token_of_other_job").asText()).isEqualTo("InvalidPaginationTokenException");
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountJobsAndFrames() {
        String metrics = server.get("/metrics").body();
        assertThat(metrics).contains("faceblur_jobs{state=\"SUCCEEDED\"}", "faceblur_job_queue_length",
                "faceblur_frames_analysed_total", "faceblur_frames_per_second");
    }
}
