package faceblur.studio;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may use the studio, request by request. A browser proves itself with a session cookie (HttpOnly,
 * SameSite=Strict), which it gets by opening the printed URL with its random token (as Jupyter does) or, in
 * {@code faceblur serve} with access keys, by signing in with a key id and its secret: browsers cannot sign
 * SigV4. Every request but the sign-in page needs the session; every state-changing one also needs the
 * session's CSRF token in a header and, when the browser says where it comes from, this origin, so that no
 * other site can act through a reviewer's browser.
 */
final class StudioAccess {

    static final String COOKIE = "faceblur_studio";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final int MAX_SESSIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in browser: who it is, and the token its page must send with every change. */
    record Session(String id, String user, String csrf) {
    }

    private final String token;
    private final Map<String, String> accessKeys;
    private final String localUser;
    private final String cookiePath;
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    /**
     * @param token      the secret of the printed URL, or null when only access keys sign in
     * @param accessKeys secrets by key id; empty when only the token opens a session
     * @param localUser  the name sessions opened by the token are logged as
     * @param cookiePath the path the app is served under ("/" or "/studio/")
     */
    StudioAccess(String token, Map<String, String> accessKeys, String localUser, String cookiePath) {
        this.token = token;
        this.accessKeys = Map.copyOf(accessKeys);
        this.localUser = localUser;
        this.cookiePath = cookiePath;
    }

    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    boolean signsInWithKeys() {
        return !accessKeys.isEmpty();
    }

    /** The session of this request's cookie, if it has a live one. */
    synchronized Optional<Session> session(Context ctx) {
        String id = ctx.cookie(COOKIE);
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.get(id));
    }

    /**
     * Opens a session when the request carries the printed token ({@code ?token=}); the caller then redirects
     * to the same page without it, so the token does not stay in the address bar or the history.
     */
    boolean openWithToken(Context ctx) {
        String given = ctx.queryParam("token");
        if (token == null || given == null || !constantTimeEquals(given, token)) {
            return false;
        }
        open(ctx, localUser);
        return true;
    }

    /** Opens a session for the holder of an access key's secret; false (after a pause) for a wrong pair. */
    boolean openWithKey(Context ctx, String keyId, String secret) {
        String expected = keyId == null ? null : accessKeys.get(keyId);
        if (expected == null || secret == null || !constantTimeEquals(secret, expected)) {
            try {
                Thread.sleep(500); // guessing secrets over HTTP should be slow
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
        open(ctx, keyId);
        return true;
    }

    private synchronized void open(Context ctx, String user) {
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.remove(sessions.keySet().iterator().next());
        }
        Session s = new Session(newSecret(), user, newSecret());
        sessions.put(s.id(), s);
        ctx.header("Set-Cookie", COOKIE + "=" + s.id() + "; Path=" + cookiePath + "; HttpOnly; SameSite=Strict");
    }

    synchronized void close(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) {
            sessions.remove(id);
        }
        ctx.header("Set-Cookie", COOKIE + "=; Path=" + cookiePath + "; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    /** Whether a request may change state: not a read, so it must prove it comes from the studio's own page. */
    static boolean changesState(Context ctx) {
        HandlerType m = ctx.method();
        return m != HandlerType.GET && m != HandlerType.HEAD && m != HandlerType.OPTIONS;
    }

    /**
     * Null when a state-changing request comes from this studio's page, else why not: the browser's own
     * statement of where it comes from must not name another site, and the session's CSRF token must be sent.
     */
    static String crossSiteProblem(Context ctx, Session session) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return "the request comes from another site (" + fetchSite + ")";
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx)) {
            return "the request comes from " + origin + ", not this studio";
        }
        if (session != null) {
            String csrf = ctx.header(CSRF_HEADER);
            if (csrf == null || !constantTimeEquals(csrf, session.csrf())) {
                return "the request lacks this session's " + CSRF_HEADER + " header";
            }
        }
        return null;
    }

    private static boolean sameOrigin(String origin, Context ctx) {
        try {
            URI o = URI.create(origin);
            String host = ctx.header("Host");
            return host != null && o.getScheme() != null && o.getScheme().equals(ctx.scheme())
                    && host.equalsIgnoreCase(o.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
