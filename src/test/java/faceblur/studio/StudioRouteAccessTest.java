package faceblur.studio;

import io.javalin.event.HandlerMetaInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The studio's guard as a browser meets it, over real HTTP to a studio in this process: every route Javalin has
 * (listed from Javalin itself, including one added after the studio's) refuses a request without a session,
 * a cookie per studio, a reverse proxy believed only when told, sign-in locked after repeated failures, and
 * sessions that end when idle.
 */
class StudioRouteAccessTest {

    private static final String TOKEN = "route-token-0123456789";
    private static final Map<String, String> KEYS = Map.of("AKIDREVIEWER", "reviewer-secret");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    private LocalStudio start(String name, String token, Map<String, String> keys, StudioWeb web) {
        return new LocalStudio(dir.resolve(name), List.of(), token, keys, web, config -> {
            // A route a later change adds without thinking of access: the guard must cover it all the same.
            config.routes.get("/api/added-later", ctx -> ctx.result("open to anyone"));
            config.routes.post("/api/added-later/{thing}", ctx -> ctx.result("changed by anyone"));
        });
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A concrete path for a route: every {param} given a plausible value. */
    private static String concrete(String path) {
        return path.replace("{id}", "0000000000000000").replace("{frame}", "1").replace("{person}", "1")
                .replace("{track}", "1").replaceAll("\\{[^}]+}", "x").replace("*", "x");
    }

    @Test
    void everyRegisteredRouteRefusesARequestWithoutASession() {
        for (boolean keys : List.of(false, true)) {
            try (LocalStudio s = start("walk" + keys, keys ? null : TOKEN, keys ? KEYS : Map.of(), StudioWeb.defaults())) {
                List<HandlerMetaInfo> routes = s.handlers.stream().filter(h -> h.getHttpMethod().isHttpMethod()).toList();
                assertThat(routes).as("routes Javalin reports").hasSizeGreaterThan(20);
                List<String> open = new ArrayList<>();
                for (HandlerMetaInfo h : routes) {
                    String route = h.getHttpMethod() + " " + h.getPath();
                    HttpResponse<String> r = send(HttpRequest.newBuilder(s.base.resolve(concrete(h.getPath())))
                            .method(h.getHttpMethod().name(), HttpRequest.BodyPublishers.ofString("{}")));
                    if (StudioAccess.PUBLIC.contains(route)) {
                        assertThat(r.body()).as(route).doesNotContain("SignInRequired");
                        open.add(route);
                        continue;
                    }
                    assertThat(r.statusCode()).as(route + ": " + r.body()).isEqualTo(401);
                    assertThat(r.body()).as(route).contains("SignInRequired").doesNotContain("anyone");
                }
                assertThat(open).containsExactlyInAnyOrderElementsOf(StudioAccess.PUBLIC);
                // The page is the way in: the sign-in form with keys, else a page saying to use the printed link.
                HttpResponse<String> page = send(HttpRequest.newBuilder(s.base).GET());
                assertThat(page.statusCode()).isEqualTo(keys ? 200 : 401);
                assertThat(page.body()).contains(keys ? "api/signin" : "token");
            }
        }
    }

    @Test
    void twoStudiosOnOneMachineKeepTheirOwnSessions() {
        try (LocalStudio a = start("a", TOKEN, Map.of(), StudioWeb.defaults());
             LocalStudio b = start("b", TOKEN, Map.of(), StudioWeb.defaults())) {
            // One browser: cookies are kept per host, not per port.
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            for (LocalStudio s : List.of(a, b)) {
                assertThat(status(browser, s.printed())).isEqualTo(303);
            }
            assertThat(status(browser, a.base.resolve("api/session"))).as("studio A after signing in to B").isEqualTo(200);
            assertThat(status(browser, b.base.resolve("api/session"))).isEqualTo(200);
        }
    }

    private static int status(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The session opened by the printed link, as the request headers that carry it, and its Set-Cookie. */
    private record Signed(String cookie, String setCookie, String csrf) {
    }

    private static Signed signIn(LocalStudio s, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.printed()).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r = send(b);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String session = send(HttpRequest.newBuilder(s.base.resolve("api/session")).header("Cookie", cookie)).body();
        String csrf = session.replaceAll(".*\"csrf\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
        return new Signed(cookie, setCookie, csrf);
    }

    private static final String[] HTTPS_PROXY = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "review.example.org",
            "X-Forwarded-For", "203.0.113.7"};

    /** A change from the page as the browser sends it behind an HTTPS proxy. */
    private static HttpResponse<String> changeBehindProxy(LocalStudio s, Signed session) {
        return send(HttpRequest.newBuilder(s.base.resolve("api/signout")).headers(HTTPS_PROXY)
                .header("Origin", "https://review.example.org").header("Sec-Fetch-Site", "same-origin")
                .header("Cookie", session.cookie()).header("X-CSRF-Token", session.csrf())
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void aReverseProxyIsBelievedOnlyWithTrustProxy() {
        try (LocalStudio plain = start("plain", TOKEN, Map.of(), StudioWeb.defaults());
             LocalStudio proxied = start("proxied", TOKEN, Map.of(), new StudioWeb(true, StudioWeb.DEFAULT_SESSION_IDLE))) {
            Signed untrusted = signIn(plain, HTTPS_PROXY);
            assertThat(untrusted.setCookie()).as("cookie over http").doesNotContain("Secure");
            HttpResponse<String> refused = changeBehindProxy(plain, untrusted);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("https://review.example.org").contains("--trust-proxy");

            Signed trusted = signIn(proxied, HTTPS_PROXY);
            assertThat(trusted.setCookie()).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
            HttpResponse<String> accepted = changeBehindProxy(proxied, trusted);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(accepted.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Secure"));
            // Trusted or not, a proxy cannot vouch for another site.
            Signed again = signIn(proxied, HTTPS_PROXY);
            HttpResponse<String> forged = send(HttpRequest.newBuilder(proxied.base.resolve("api/signout")).headers(HTTPS_PROXY)
                    .header("Origin", "https://evil.example").header("Cookie", again.cookie())
                    .header("X-CSRF-Token", again.csrf()).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(forged.statusCode()).isEqualTo(403);
            // Without the proxy's headers, the same studio is plain http: no Secure cookie.
            assertThat(signIn(proxied).setCookie()).doesNotContain("Secure");
        }
    }

    private static HttpResponse<String> keySignIn(LocalStudio s, String client, String secret) {
        return send(HttpRequest.newBuilder(s.base.resolve("api/signin")).header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString("{\"accessKeyId\":\"AKIDREVIEWER\",\"secretAccessKey\":\""
                        + secret + "\"}")));
    }

    @Test
    void repeatedFailedSignInsLockThatClientOutForAWhile() {
        try (LocalStudio s = start("lock", null, KEYS, new StudioWeb(true, StudioWeb.DEFAULT_SESSION_IDLE))) {
            for (int i = 0; i < SignInLockout.MAX_FAILURES; i++) {
                assertThat(keySignIn(s, "198.51.100.1", "guess" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> locked = keySignIn(s, "198.51.100.1", "reviewer-secret");
            assertThat(locked.statusCode()).as("the right secret, while locked").isEqualTo(429);
            assertThat(locked.body()).contains("TooManyRequests").contains("198.51.100.1").contains("try again after")
                    .contains("UTC");
            long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, SignInLockout.LOCK.toSeconds());
            assertThat(keySignIn(s, "198.51.100.2", "reviewer-secret").statusCode()).as("another client").isEqualTo(200);
        }
        try (LocalStudio s = start("lock-token", TOKEN, Map.of(), StudioWeb.defaults())) {
            for (int i = 0; i < SignInLockout.MAX_FAILURES; i++) {
                assertThat(send(HttpRequest.newBuilder(s.base.resolve("/?token=guess" + i))).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> locked = send(HttpRequest.newBuilder(s.printed()));
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(locked.body()).contains("too many failed sign-ins from 127.0.0.1");
        }
    }

    @Test
    void anIdleSessionEnds() throws InterruptedException {
        try (LocalStudio s = start("idle", TOKEN, Map.of(), new StudioWeb(false, Duration.ofMillis(1500)))) {
            Signed session = signIn(s);
            HttpRequest.Builder probe = HttpRequest.newBuilder(s.base.resolve("api/session")).header("Cookie", session.cookie());
            for (int i = 0; i < 3; i++) {
                Thread.sleep(700); // time under test: each request within the idle limit keeps it alive
                assertThat(send(probe).statusCode()).isEqualTo(200);
            }
            Thread.sleep(2000); // time under test: idle past the limit, the session is gone
            HttpResponse<String> r = send(probe);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("SignInRequired");
        }
    }
}
