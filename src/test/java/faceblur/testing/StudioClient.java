package faceblur.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The studio's JSON API as its page calls it: a session opened with the printed address's token, kept in a
 * cookie, and the session's CSRF token sent with every change.
 */
public final class StudioClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();
    private String csrf;

    /** A browser-like client with no session yet; {@code base} is the app's address, ending in '/'. */
    public StudioClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Opens a session with the printed address ({@code base?token=...}); returns the answer (a redirect). With
     * null, only fetches the CSRF token of a session opened otherwise (signing in with a key).
     */
    public HttpResponse<String> signInWith(URI printed) {
        HttpResponse<String> r = printed == null ? null : send(HttpRequest.newBuilder(printed).GET());
        csrf = get("api/session").path("csrf").asText(null);
        return r;
    }

    /** The session as a Cookie header, for another client (curl) to act in it. */
    public String cookieHeader() {
        return String.join("; ", cookies.getCookieStore().get(base).stream().map(Object::toString).toList());
    }

    public URI base() {
        return base;
    }

    public String csrf() {
        return csrf;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> raw(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null && !method.equals("GET")) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b);
    }

    /** GET, expecting 200 and JSON. */
    public JsonNode get(String path) {
        return json(raw("GET", path, null), path);
    }

    /** POST with the session's CSRF token, expecting 200 and JSON. */
    public JsonNode post(String path, String body) {
        return json(raw("POST", path, body), path);
    }

    public HttpResponse<byte[]> bytes(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a video for review (analysis starts) and returns its project id. */
    public String open(Path video) {
        return post("api/projects", JSON.createObjectNode().put("path", video.toString()).toString()).path("id").asText();
    }

    /** Polls a project's status until {@code done} holds; fails after {@code timeout}. */
    public JsonNode awaitStatus(String project, Predicate<JsonNode> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode p : get("api/projects")) {
                if (p.path("id").asText().equals(project)) {
                    status = p;
                }
            }
            if (status != null && done.test(status)) {
                return status;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("project " + project + " did not get there in " + timeout + "; last status " + status);
    }

    public JsonNode awaitReady(String project) {
        return awaitStatus(project, s -> {
            if (s.path("state").asText().equals("failed")) {
                throw new AssertionError("analysis failed: " + s);
            }
            return s.path("state").asText().equals("ready");
        }, Duration.ofMinutes(3));
    }

    public JsonNode awaitExport(String project) {
        return awaitStatus(project, s -> {
            String phase = s.path("export").path("phase").asText();
            if (phase.equals("failed")) {
                throw new AssertionError("export failed: " + s);
            }
            return phase.equals("done");
        }, Duration.ofMinutes(3));
    }

    private static JsonNode json(HttpResponse<String> r, String path) {
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(path + " did not answer JSON: " + r.body(), e);
        }
    }
}
