package faceblur.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.testing.Media;
import faceblur.testing.StudioClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The studio at work on real small videos, over HTTP to a studio in this process: bad path parameters, GIFs,
 * exports kept per revision with their reports and safe download names, a decision made during an export
 * shown as newer than it, and a page that stops reading its events without slowing decisions.
 */
class StudioWorkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A name a browser must not be able to break a Content-Disposition header with. */
    private static final String QUOTED = "small \"q\"";

    @TempDir
    static Path dir;
    static LocalStudio studio;
    static StudioClient c;
    static Path folder;

    @BeforeAll
    static void start() throws IOException {
        folder = Files.createDirectories(dir.resolve("videos"));
        Files.copy(Media.smallClip(), folder.resolve(QUOTED + ".mp4"));
        Files.copy(Media.fixture("small.gif", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=1"),
                folder.resolve("anim.gif"));
        studio = new LocalStudio(dir.resolve("data"), List.of(folder), "work-token", Map.of(), StudioWeb.defaults(),
                config -> { });
        c = new StudioClient(studio.base);
        c.signInWith(studio.printed());
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    private static String ready(Path video) {
        String id = c.open(video);
        c.awaitReady(id);
        return "api/projects/" + id;
    }

    @Test
    void aPathPartThatIsNoNumberIsA400NamingIt() {
        String p = ready(folder.resolve(QUOTED + ".mp4"));
        for (String[] call : List.of(new String[]{"GET", p + "/frames/abc", "frame must be a whole number, got abc"},
                new String[]{"POST", p + "/people/abc", "person must be a whole number, got abc"},
                new String[]{"POST", p + "/tracks/1x/delete", "track must be a whole number, got 1x"},
                new String[]{"GET", p + "/export/video?revision=new", "revision must be a whole number, got new"})) {
            HttpResponse<String> r = c.raw(call[0], call[1], call[0].equals("GET") ? null : "{\"decision\":\"keep\"}");
            assertThat(r.statusCode()).as(call[1] + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(call[1]).contains(call[2]).doesNotContain("InternalError");
        }
    }

    @Test
    void gifsAreListedOpenedAndUploaded() throws IOException {
        assertThat(c.get("api/videos").toString()).contains("anim.gif");
        ready(folder.resolve("anim.gif"));
        HttpResponse<String> up = c.send(HttpRequest.newBuilder(studio.base.resolve("api/uploads?name=upload.gif"))
                .header("X-CSRF-Token", c.csrf()).POST(HttpRequest.BodyPublishers.ofFile(folder.resolve("anim.gif"))));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(c.get("api/videos").toString()).contains("upload.gif");
    }

    /**
     * An export asked for while a box drawn a moment ago is still being followed is refused with the reason: the
     * export would hide the drawn face only on the frames followed so far, and a later render of the same decisions
     * (another export, {@code redact --project}) would differ from it.
     */
    @Test
    void anExportWaitsUntilADrawnBoxIsFollowed() throws IOException {
        Path clip = Files.copy(Media.fixture("follow-640x360.mp4", "-f", "lavfi", "-i",
                "testsrc2=size=640x360:rate=30:duration=5", "-c:v", "libx264", "-pix_fmt", "yuv420p"),
                folder.resolve("follow.mp4"));
        String p = ready(clip);
        String id = p.substring(p.lastIndexOf('/') + 1);
        c.post(p + "/tracks", "{\"frame\":75,\"box\":{\"x\":200,\"y\":100,\"width\":120,\"height\":100}}");
        HttpResponse<String> refused = c.raw("POST", p + "/export", "{}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("is still being followed through its shot");

        c.awaitStatus(id, s -> c.get(p).path("status").path("following").isEmpty(), Duration.ofMinutes(2));
        c.post(p + "/export", "{}");
        c.awaitExport(id);
        JsonNode report = JSON.readTree(c.bytes(p + "/export/report.json").body());
        JsonNode span = report.path("drawn").get(0).path("frames").get(0);
        assertThat(span.path("lastFrame").asInt() - span.path("firstFrame").asInt())
                .as("frames the drawn box covers in the export: " + report.path("drawn")).isGreaterThan(100);
    }

    private static int decisions(String p) {
        int n = 0;
        for (JsonNode e : c.get(p + "/log")) {
            n += e.path("action").asText().equals("export") ? 0 : 1;
        }
        return n;
    }

    private static JsonNode exportOf(String p, String id, int revision) {
        return c.awaitStatus(id, s -> s.path("export").path("phase").asText().equals("done")
                && s.path("export").path("revision").asInt() == revision, Duration.ofMinutes(2)).path("export");
    }

    @Test
    void exportsAreKeptPerRevisionAndADecisionDuringOneIsNewerThanIt() throws IOException {
        String p = ready(folder.resolve(QUOTED + ".mp4"));
        String id = p.substring(p.lastIndexOf('/') + 1);
        c.post(p + "/settings", "{\"maskScale\":1.3}");
        int first = decisions(p);
        c.post(p + "/export", "{\"signedOffBy\":\"Sam\"}");
        c.post(p + "/settings", "{\"maskScale\":1.6}"); // while the export waits or runs
        JsonNode e = exportOf(p, id, first);
        assertThat(e.path("newerDecisions").asInt()).as(e.toString()).isEqualTo(1);
        String firstFile = QUOTED + "_redacted_r" + first + ".mp4";
        assertThat(e.path("file").asText()).isEqualTo(firstFile);
        JsonNode log = c.get(p + "/log");
        assertThat(log.get(log.size() - 1).path("detail").asText()).startsWith("revision " + first + " (the first "
                + first + " decisions): " + firstFile);
        JsonNode report = JSON.readTree(c.bytes(p + "/export/report.json?revision=" + first).body());
        assertThat(report.path("log")).hasSize(first);
        assertThat(report.path("redaction").path("maskScale").asDouble()).isEqualTo(1.3);

        c.post(p + "/export", "{}");
        JsonNode second = exportOf(p, id, first + 1);
        assertThat(second.path("newerDecisions").asInt()).isZero();
        assertThat(second.path("kept")).extracting(k -> k.path("revision").asInt()).contains(first + 1, first);
        assertThat(JSON.readTree(c.bytes(p + "/export/report.json?revision=" + (first + 1)).body())
                .path("redaction").path("maskScale").asDouble()).isEqualTo(1.6);
        // The first export and its reports are still there, as they were.
        HttpResponse<byte[]> video = c.bytes(p + "/export/video?revision=" + first);
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(video.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"small _q__redacted_r"
                + first + ".mp4\"; filename*=UTF-8''small%20%22q%22_redacted_r" + first + ".mp4");
        HttpResponse<byte[]> text = c.bytes(p + "/export/report.txt?revision=" + first);
        assertThat(text.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo("text/plain;charset=utf-8");
        assertThat(new String(text.body(), StandardCharsets.UTF_8)).contains("Signed off by: Sam");
        assertThat(c.bytes(p + "/export/report.json").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(c.bytes(p + "/export/video?revision=999").statusCode()).isEqualTo(404);
    }

    @Test
    void aPageThatStopsReadingEventsDoesNotSlowDecisions() throws IOException {
        // A long path makes every event long (its status names the file), so that the stalled page's socket,
        // whose kernel buffers grow to some MB, fills within a test's time.
        Path longFolder = folder;
        for (int i = 0; i < 12; i++) {
            longFolder = longFolder.resolve("f".repeat(250));
        }
        Path video = Files.copy(Media.smallClip(), Files.createDirectories(longFolder).resolve("v".repeat(200) + ".mp4"));
        String p = ready(video);
        int eventBytes = c.get(p).path("status").toString().length();
        int count = (int) Math.min(4000, (16L << 20) / eventBytes / 2); // about 8 MB of events
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", studio.http.port()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + studio.http.port() + "\r\nCookie: "
                    + c.cookieHeader() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // ... and never reads, while decisions send it events.
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long t = System.nanoTime();
                c.post(p + "/settings", "{\"maskScale\":" + (i % 2 == 0 ? "1.5" : "1.0") + "}");
                millis.add((System.nanoTime() - t) / 1_000_000);
            }
            long total = millis.stream().mapToLong(Long::longValue).sum();
            long max = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("%d decisions (%d-byte events) with a stalled event stream: %d ms in all, slowest %d ms%n",
                    count, eventBytes, total, max);
            assertThat(max).as("slowest decision, ms").isLessThan(3000);
        }
    }
}
