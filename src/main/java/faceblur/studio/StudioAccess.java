package faceblur.studio;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the studio, request by request. A browser proves itself with a session cookie (HttpOnly,
 * SameSite=Strict, Secure over HTTPS), which it gets by opening the printed URL with its random token (as Jupyter
 * does) or, in {@code faceblur serve} with access keys, by signing in with a key id and its secret: browsers
 * cannot sign SigV4. Every request but the few {@link #PUBLIC} ones needs the session; every state-changing one
 * also needs the session's CSRF token in a header and, when the browser says where it comes from, this origin,
 * so that no other site can act through a reviewer's browser. Sessions end after {@link StudioWeb#sessionIdle()}
 * without a request; a client that keeps failing to sign in is locked out for a while.
 */
final class StudioAccess {

    /** The cookie's name ends in the studio's port, so that two studios on one machine keep their own sessions. */
    static final String COOKIE_PREFIX = "faceblur_studio_";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** The only requests answered without a session, relative to the app's prefix: the page, which signs in. */
    static final Set<String> PUBLIC = Set.of("GET /", "POST /api/signin");
    private static final int MAX_SESSIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in browser: who it is, and the token its page must send with every change. */
    record Session(String id, String user, String csrf) {
    }

    private record Live(Session session, long lastSeenNanos) {
    }

    private final String token;
    private final Map<String, String> accessKeys;
    private final String localUser;
    private final String cookiePath;
    private final StudioWeb web;
    private final SignInLockout lockout;
    private final Map<String, Live> sessions = new LinkedHashMap<>();

    /**
     * @param token      the secret of the printed URL, or null when only access keys sign in
     * @param accessKeys secrets by key id; empty when only the token opens a session
     * @param localUser  the name sessions opened by the token are logged as
     * @param cookiePath the path the app is served under ("/" or "/studio/")
     */
    StudioAccess(String token, Map<String, String> accessKeys, String localUser, String cookiePath, StudioWeb web,
                 Clock clock) {
        this.token = token;
        this.accessKeys = Map.copyOf(accessKeys);
        this.localUser = localUser;
        this.cookiePath = cookiePath;
        this.web = web;
        this.lockout = new SignInLockout(clock);
    }

    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    boolean signsInWithKeys() {
        return !accessKeys.isEmpty();
    }

    /** This studio's cookie: named by the port it listens on (the same behind a proxy). */
    static String cookieName(Context ctx) {
        return COOKIE_PREFIX + ctx.req().getLocalPort();
    }

    /** The session of this request's cookie, if it has a live one; a request keeps it alive. */
    synchronized Optional<Session> session(Context ctx) {
        String id = ctx.cookie(cookieName(ctx));
        Live live = id == null ? null : sessions.get(id);
        if (live == null) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (expired(live, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        sessions.put(id, new Live(live.session(), now));
        return Optional.of(live.session());
    }

    private boolean expired(Live live, long nowNanos) {
        return nowNanos - live.lastSeenNanos() > web.sessionIdle().toNanos();
    }

    /**
     * The session a request to {@code route} (its method and path under the app's prefix) needs, checked: null for
     * a {@link #PUBLIC} route, else the session, or a 401 (no live session) or 403 (a change from elsewhere).
     */
    Session require(Context ctx, String route) {
        if (PUBLIC.contains(ctx.method() + " " + route)) {
            return null;
        }
        Session session = session(ctx).orElseThrow(() -> new StudioException(401, signsInWithKeys()
                ? "sign in again at " + cookiePath + " with an access key (sessions end after "
                + web.sessionIdle().toMinutes() + " idle minutes)"
                : "open the link faceblur studio printed when it started (it ends in ?token=...)"));
        if (changesState(ctx)) {
            String problem = crossSiteProblem(ctx, session);
            if (problem != null) {
                throw new StudioException(403, "CrossSiteRequest", problem);
            }
        }
        return session;
    }

    /**
     * Opens a session when the request carries the printed token ({@code ?token=}); the caller then redirects
     * to the same page without it, so the token does not stay in the address bar or the history. A client
     * locked out for failing is refused (429) even with the right token.
     */
    boolean openWithToken(Context ctx) {
        String given = ctx.queryParam("token");
        if (token == null || given == null) {
            return false;
        }
        return attempt(ctx, constantTimeEquals(given, token), localUser);
    }

    /** Opens a session for the holder of an access key's secret; false for a wrong pair, 429 when locked out. */
    boolean openWithKey(Context ctx, String keyId, String secret) {
        String expected = keyId == null ? null : accessKeys.get(keyId);
        return attempt(ctx, expected != null && secret != null && constantTimeEquals(secret, expected), keyId);
    }

    private boolean attempt(Context ctx, boolean right, String user) {
        String client = client(ctx);
        try {
            lockout.check(client);
        } catch (SignInLockout.Locked e) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            throw e;
        }
        if (!right) {
            lockout.failed(client);
            return false;
        }
        lockout.succeeded(client);
        open(ctx, user);
        return true;
    }

    private synchronized void open(Context ctx, String user) {
        long now = System.nanoTime();
        sessions.values().removeIf(l -> expired(l, now));
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.remove(sessions.keySet().iterator().next());
        }
        Session s = new Session(newSecret(), user, newSecret());
        sessions.put(s.id(), new Live(s, now));
        ctx.header("Set-Cookie", cookie(ctx, s.id(), ""));
    }

    synchronized void close(Context ctx) {
        String id = ctx.cookie(cookieName(ctx));
        if (id != null) {
            sessions.remove(id);
        }
        ctx.header("Set-Cookie", cookie(ctx, "", "; Max-Age=0"));
    }

    private String cookie(Context ctx, String value, String extra) {
        return cookieName(ctx) + "=" + value + "; Path=" + cookiePath + extra + "; HttpOnly; SameSite=Strict"
                + ("https".equals(scheme(ctx)) ? "; Secure" : "");
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
    String crossSiteProblem(Context ctx, Session session) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return "the request comes from another site (" + fetchSite + ")";
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx)) {
            return "the request comes from " + origin + ", not this studio (" + scheme(ctx) + "://" + host(ctx) + ")"
                    + (web.trustProxy() ? "" : "; behind a reverse proxy, start the studio with --trust-proxy");
        }
        if (session != null) {
            String csrf = ctx.header(CSRF_HEADER);
            if (csrf == null || !constantTimeEquals(csrf, session.csrf())) {
                return "the request lacks this session's " + CSRF_HEADER + " header";
            }
        }
        return null;
    }

    private boolean sameOrigin(String origin, Context ctx) {
        try {
            URI o = URI.create(origin);
            String host = host(ctx);
            return host != null && o.getScheme() != null && o.getScheme().equalsIgnoreCase(scheme(ctx))
                    && host.equalsIgnoreCase(o.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** How the browser reached the studio: the proxy's word when it is trusted, else this connection's. */
    String scheme(Context ctx) {
        String forwarded = forwarded(ctx, "X-Forwarded-Proto", false);
        return forwarded != null ? forwarded.toLowerCase(Locale.ROOT) : ctx.scheme();
    }

    private String host(Context ctx) {
        String forwarded = forwarded(ctx, "X-Forwarded-Host", false);
        return forwarded != null ? forwarded : ctx.header("Host");
    }

    /** Whom a lockout counts failures for: the proxy's last hop (it appends the address it saw) when trusted. */
    private String client(Context ctx) {
        String forwarded = forwarded(ctx, "X-Forwarded-For", true);
        return forwarded != null ? forwarded : ctx.ip();
    }

    /**
     * A trusted proxy's header: the first value of a list (the browser's side) for Proto and Host, the last one
     * for For, since a browser can write its own X-Forwarded-For that the proxy only appends to.
     */
    private String forwarded(Context ctx, String header, boolean last) {
        String value = web.trustProxy() ? ctx.header(header) : null;
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.split(",");
        String part = parts[last ? parts.length - 1 : 0].strip();
        return part.isEmpty() ? null : part;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
