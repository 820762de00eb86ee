package faceblur.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import faceblur.testing.StudioClient;
import faceblur.testing.Tools;
import faceblur.testing.VideoAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A studio's export as a running {@code faceblur studio} makes it, checked from outside: the same bytes as
 * {@code faceblur redact --project}, a report that names them, and after {@code kill -9} in the middle of an
 * export no output at all, the review intact and the export possible again.
 */
class StudioExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ServerProcess start(Path data) {
        return ServerProcess.studio(Map.of("FACEBLUR_STUDIO_TOKEN", "export-test"), Media.media("megamind.mp4").toString(),
                "--data", data.toString(), "--port", "0");
    }

    private static StudioClient client(ServerProcess studio) {
        StudioClient c = new StudioClient(studio.api().resolve("/"));
        c.signInWith(studio.api());
        return c;
    }

    @Test
    void theExportIsWhatRedactProjectWritesAndItsReportSaysSo() throws IOException {
        Path data = dir.resolve("data");
        Path input = Media.media("megamind.mp4");
        try (ServerProcess studio = start(data)) {
            StudioClient c = client(studio);
            String id = c.open(input);
            c.awaitReady(id);
            JsonNode people = c.get("api/projects/" + id + "/people?limit=500").path("people");
            int kept = people.get(0).path("id").asInt();
            int deleted = people.get(1).path("tracks").get(0).path("id").asInt();
            c.post("api/projects/" + id + "/people/" + kept, "{\"decision\":\"keep\"}");
            c.post("api/projects/" + id + "/tracks/" + deleted + "/delete", "");
            c.post("api/projects/" + id + "/settings", "{\"style\":\"pixelate\",\"maskScale\":1.5}");
            c.post("api/projects/" + id + "/export", "{\"signedOffBy\":\"Sam Reviewer\"}");
            c.awaitExport(id);

            Path page = dir.resolve("page.mp4");
            Files.write(page, c.bytes("api/projects/" + id + "/export/video").body());
            JsonNode report = JSON.readTree(c.bytes("api/projects/" + id + "/export/report.json").body());
            String text = new String(c.bytes("api/projects/" + id + "/export/report.txt").body());

            Path cli = dir.resolve("cli.mp4");
            Cli.Outcome outcome = Cli.runProcess("redact", input.toString(), "--project",
                    data.resolve("projects").resolve(id).resolve("project.json").toString(), "-o", cli.toString(), "-q");
            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            assertThat(Files.mismatch(page, cli)).as("page export and redact --project differ").isEqualTo(-1);

            assertThat(report.path("input").path("sha256").asText()).isEqualTo(Tools.sha256(input));
            assertThat(report.path("output").path("sha256").asText()).isEqualTo(Tools.sha256(page));
            assertThat(report.path("model").path("sha256").asText()).isEqualTo(Tools.sha256(Media.model()));
            assertThat(report.path("signedOffBy").asText()).isEqualTo("Sam Reviewer");
            assertThat(report.path("redaction").path("style").asText()).isEqualTo("PIXELATE");
            assertThat(report.path("keptVisible")).singleElement().satisfies(p ->
                    assertThat(p.path("person").asInt()).isEqualTo(kept));
            assertThat(report.path("deleted")).singleElement().satisfies(t ->
                    assertThat(t.path("track").asInt()).isEqualTo(deleted));
            assertThat(report.path("log").toString()).contains("keep visible").contains("delete").contains("style");
            assertThat(text).contains("Signed off by: Sam Reviewer").contains(Tools.sha256(page))
                    .contains("person " + kept);
            VideoAssertions.assertSameFrameTimes(input, page);
            assertThat(Tools.packetHash(page, "a:0")).isEqualTo(Tools.packetHash(input, "a:0"));
        }
    }

    @Test
    void killedMidExportLeavesNoOutputAndTheReviewAndExportCarryOn() throws IOException {
        Path data = dir.resolve("data");
        String id;
        int kept;
        ServerProcess first = start(data);
        try {
            StudioClient c = client(first);
            id = c.open(Media.media("megamind.mp4"));
            c.awaitReady(id);
            kept = c.get("api/projects/" + id + "/people").path("people").get(2).path("id").asInt();
            c.post("api/projects/" + id + "/people/" + kept, "{\"decision\":\"keep\"}");
            c.post("api/projects/" + id + "/export", "{}");
            c.awaitStatus(id, s -> s.path("export").path("progress").path("task").asText().equals("blurring")
                    && s.path("export").path("progress").path("done").asInt() >= 20, Duration.ofMinutes(2));
            first.kill9();
        } finally {
            first.close();
        }
        Path exports = data.resolve("projects").resolve(id).resolve("exports");
        assertThat(visibleFiles(exports)).as("what a killed export left").isEmpty();

        try (ServerProcess second = start(data)) {
            StudioClient c = client(second);
            JsonNode person = findPerson(c.get("api/projects/" + id + "/people?limit=500"), kept);
            assertThat(person.path("decision").asText()).isEqualTo("keep");
            assertThat(filesIn(exports)).as("leftovers of the killed export").isEmpty();
            c.post("api/projects/" + id + "/export", "{}");
            // Exports are kept per revision of the review, named by it.
            String file = c.awaitExport(id).path("export").path("file").asText();
            assertThat(file).matches("megamind_redacted_r[0-9]+\\.mp4");
            assertThat(visibleFiles(exports)).containsExactlyInAnyOrder(file, file + ".report.json",
                    file + ".report.txt");
            assertThat(Tools.frameTimes(exports.resolve(file))).hasSize(271);
        }
    }

    private static JsonNode findPerson(JsonNode page, int id) {
        for (JsonNode p : page.path("people")) {
            if (p.path("id").asInt() == id) {
                return p;
            }
        }
        throw new AssertionError("no person " + id + " in " + page);
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> visibleFiles(Path folder) throws IOException {
        return filesIn(folder).stream().filter(n -> !n.startsWith(".")).toList();
    }
}
