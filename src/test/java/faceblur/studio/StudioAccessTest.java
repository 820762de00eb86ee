package faceblur.studio;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import faceblur.testing.StudioClient;
import faceblur.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may use a running {@code faceblur studio}, checked over HTTP from outside its process: nothing without
 * the printed token's session, no change without the session's CSRF token or from another site, no file outside
 * the folders it was given, no upload over the size limit.
 */
class StudioAccessTest {

    private static final String TOKEN = "test-token-0123456789";

    @TempDir
    static Path dir;
    static Path allowed;
    static ServerProcess studio;
    static URI base;

    @BeforeAll
    static void start() throws IOException {
        allowed = Files.createDirectories(dir.resolve("allowed"));
        Files.copy(Media.smallClip(), allowed.resolve("small.mp4"));
        Files.writeString(dir.resolve("secret.mp4"), "SECRET");
        Files.createSymbolicLink(allowed.resolve("link.mp4"), dir.resolve("secret.mp4"));
        studio = ServerProcess.studio(Map.of("FACEBLUR_STUDIO_TOKEN", TOKEN), allowed.toString(),
                "--data", dir.resolve("data").toString(), "--port", "0", "--max-video-size", "100K");
        base = studio.api().resolve("/");
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    private static StudioClient signedIn() {
        StudioClient c = new StudioClient(base);
        c.signInWith(studio.api());
        return c;
    }

    @Test
    void thePrintedAddressCarriesTheToken() {
        assertThat(studio.api().toString()).endsWith("/?token=" + TOKEN).startsWith("http://127.0.0.1:");
    }

    @Test
    void everythingNeedsTheSession() {
        StudioClient anonymous = new StudioClient(base);
        for (String path : List.of("api/session", "api/videos", "api/projects", "api/events", "app/studio.js",
                "api/projects/0000000000000000", "api/projects/0000000000000000/media",
                "api/projects/0000000000000000/thumbs/f1-1.jpg")) {
            HttpResponse<String> r = anonymous.raw("GET", path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).doesNotContain("small.mp4");
        }
        HttpResponse<String> page = anonymous.raw("GET", "", null);
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("token");
        assertThat(anonymous.raw("POST", "api/projects", "{\"path\":\"" + allowed.resolve("small.mp4") + "\"}")
                .statusCode()).isEqualTo(401);
    }

    /** A port in use is one line naming it and what to do, exit 2, before anything starts. */
    @Test
    void aPortInUseIsOneLine() {
        String port = String.valueOf(base.getPort());
        for (String[] args : List.of(new String[]{"studio", "--port", port, "--data", dir.resolve("other").toString()},
                new String[]{"serve", "--port", port, "--s3-port", "0", "--data", dir.resolve("other").toString()})) {
            Cli.Outcome outcome = Cli.run(args);
            assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(2);
            assertThat(outcome.stderr().strip()).as(args[0]).startsWith("faceblur: cannot listen on 127.0.0.1:" + port)
                    .contains("choose another with --port").doesNotContain("internal error").doesNotContain("\n\tat ");
        }
    }

    @Test
    void aWrongTokenOpensNothing() {
        StudioClient c = new StudioClient(base);
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(base.resolve("/?token=" + TOKEN + "x")).GET());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(c.raw("GET", "api/videos", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theTokenGivesAnHttpOnlySameSiteSessionAndLeavesTheAddressBar() {
        StudioClient c = new StudioClient(base);
        HttpResponse<String> r = c.signInWith(studio.api());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/");
        assertThat(r.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict"));
        assertThat(c.get("api/videos").toString()).contains("small.mp4");
    }

    @Test
    void changesNeedTheCsrfTokenAndThisOrigin() {
        StudioClient c = signedIn();
        String body = "{\"path\":\"" + allowed.resolve("small.mp4") + "\"}";
        HttpResponse<String> noToken = c.send(HttpRequest.newBuilder(base.resolve("api/projects"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("CrossSiteRequest").contains("X-CSRF-Token");
        HttpResponse<String> wrongToken = c.send(HttpRequest.newBuilder(base.resolve("api/projects"))
                .header("X-CSRF-Token", "guess").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        // A forged request from another site: the browser names its origin and sends the cookie along.
        HttpResponse<String> forged = c.send(HttpRequest.newBuilder(base.resolve("api/projects"))
                .header("X-CSRF-Token", c.csrf()).header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("evil.example");
        HttpResponse<String> crossSite = c.send(HttpRequest.newBuilder(base.resolve("api/projects"))
                .header("X-CSRF-Token", c.csrf()).header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        HttpResponse<String> own = c.send(HttpRequest.newBuilder(base.resolve("api/projects"))
                .header("X-CSRF-Token", c.csrf()).header("Origin", base.toString().replaceAll("/$", ""))
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    @Test
    void pathsOutsideTheGivenFoldersAreRefused() {
        StudioClient c = signedIn();
        for (String path : List.of("/etc/passwd", dir.resolve("secret.mp4").toString(),
                allowed.resolve("../secret.mp4").toString(), allowed.resolve("link.mp4").toString(),
                allowed.resolve("missing.mp4").toString(), "relative/small.mp4", "")) {
            HttpResponse<String> r = c.raw("POST", "api/projects", "{\"path\":\"" + path + "\"}");
            assertThat(r.statusCode()).as(path).isIn(400, 403);
            assertThat(r.body()).as(path).doesNotContain("SECRET");
        }
        assertThat(c.raw("POST", "api/projects", "{\"path\":\"/etc/passwd\"}").body())
                .contains("outside the files and folders this studio may read");
        assertThat(c.get("api/videos").toString()).doesNotContain("secret");
    }

    @Test
    void filesOfAProjectAreReachedByNameOnly() {
        StudioClient c = signedIn();
        String id = c.open(allowed.resolve("small.mp4"));
        c.awaitReady(id);
        for (String name : List.of("..%2F..%2Fsource.json", "..%2Fproject.json", "f1-1.jpg%00", "source.json")) {
            HttpResponse<String> r = c.raw("GET", "api/projects/" + id + "/thumbs/" + name, null);
            assertThat(r.statusCode()).as(name).isIn(400, 404); // Jetty itself refuses a NUL in a path
            assertThat(r.body()).as(name).doesNotContain("\"path\"").doesNotContain("findingsSha256");
        }
        assertThat(c.raw("GET", "api/projects/" + id + "/export/..%2Fproject.json", null).statusCode()).isEqualTo(404);
    }

    @Test
    void uploadsOverTheLimitAreRefusedWithTheReasonAndLeaveNothing() throws Exception {
        StudioClient c = signedIn();
        Path big = Files.write(dir.resolve("big.bin"), new byte[300_000]);
        // curl asks "Expect: 100-continue" first, as clients of large uploads do: the studio refuses by the
        // declared length before the body is sent.
        Tools.Result r = Tools.run(List.of("curl", "-s", "-w", "\n%{http_code}", "-H", "Expect: 100-continue",
                "-H", "X-CSRF-Token: " + c.csrf(), "-H", "Cookie: " + c.cookieHeader(),
                "--data-binary", "@" + big, base.resolve("api/uploads?name=big.mp4").toString()), null);
        assertThat(r.out()).endsWith("413").contains("big.mp4 is larger than 100 kB").contains("--max-video-size");
        // Without a declared length (chunked), the studio stops at the limit as it counts.
        Tools.Result chunked = Tools.run(List.of("curl", "-s", "-w", "\n%{http_code}", "-H", "Transfer-Encoding: chunked",
                "-H", "X-CSRF-Token: " + c.csrf(), "-H", "Cookie: " + c.cookieHeader(),
                "--data-binary", "@" + big, base.resolve("api/uploads?name=big.mp4").toString()), null);
        assertThat(chunked.out()).endsWith("413").contains("larger than 100 kB");
        try (Stream<Path> files = Files.list(dir.resolve("data/uploads"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void anUploadWithinTheLimitCanBeOpened() throws Exception {
        StudioClient c = signedIn();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(base.resolve("api/uploads?name=..%2Fmy%20clip.mp4"))
                .header("X-CSRF-Token", c.csrf()).POST(HttpRequest.BodyPublishers.ofFile(Media.smallClip())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Path stored = dir.resolve("data/uploads/my_clip.mp4");
        assertThat(r.body()).contains(stored.toString());
        assertThat(Files.mismatch(stored, Media.smallClip())).isEqualTo(-1);
        assertThat(c.get("api/videos").toString()).contains("my_clip.mp4");
        c.awaitReady(c.open(stored));
    }
}
