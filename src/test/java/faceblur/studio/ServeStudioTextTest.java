package faceblur.studio;

import com.fasterxml.jackson.databind.JsonNode;
import faceblur.testing.AwsClients;
import faceblur.testing.ServerProcess;
import faceblur.testing.StudioClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static faceblur.testing.AwsClients.TEST_KEY_ID;
import static faceblur.testing.AwsClients.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code faceblur serve --studio-hide faces,text}: the studio under /studio of a real server lists the text of a
 * bucket's video (the plate clip of {@link StudioTextTest}) as its own kind, hidden until kept, as
 * {@code faceblur studio --hide faces,text} does; without the option it lists none.
 */
class ServeStudioTextTest {

    @TempDir
    Path dir;

    @Test
    void serveStudioFindsTextWhenAsked() {
        Path clip = StudioTextTest.plateClip(dir.resolve("plate.mp4"), 30);
        assertThat(textPeople(clip, "--studio-hide", "faces,text")).isNotEmpty()
                .allSatisfy(x -> assertThat(x.path("decision").asText()).isEqualTo("blur"));
        assertThat(textPeople(clip)).as("faces only by default").isEmpty();
    }

    /** The people of kind text that serve's studio lists for {@code clip}, served with {@code options}. */
    private List<JsonNode> textPeople(Path clip, String... options) {
        List<String> args = new ArrayList<>(List.of("--data", dir.resolve("data-" + options.length).toString(),
                "--port", "0", "--s3-port", "0", "--threads", "2",
                "--text-model", StudioTextTest.textModel().toString()));
        args.addAll(List.of(options));
        try (ServerProcess serve = ServerProcess.start(Map.of("FACEBLUR_STUDIO_TOKEN", "serve-text"),
                args.toArray(String[]::new))) {
            AwsClients.aws(serve.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "mb", "s3://clips");
            assertThat(AwsClients.aws(serve.s3(), TEST_KEY_ID, TEST_SECRET, "s3", "cp", clip.toString(),
                    "s3://clips/plate.mp4").exitCode()).isZero();
            StudioClient page = new StudioClient(serve.api().resolve("/studio/"));
            page.signInWith(serve.api().resolve("/studio/?token=serve-text"));
            String id = page.post("api/projects", "{\"path\":\"s3://clips/plate.mp4\"}").path("id").asText();
            assertThat(page.awaitReady(id).path("state").asText()).as(serve.log()).isEqualTo("ready");
            List<JsonNode> texts = new ArrayList<>();
            page.get("api/projects/" + id + "/people?limit=100").path("people").forEach(x -> {
                if (x.path("kind").asText().equals("text")) {
                    texts.add(x);
                }
            });
            return texts;
        }
    }
}
