package faceblur.studio;

import com.fasterxml.jackson.databind.JsonNode;
import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Shape;
import faceblur.redact.Style;
import faceblur.review.Decision;
import faceblur.review.Project;
import faceblur.review.ReviewExport;
import faceblur.review.ReviewJson;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The studio's HTTP routes under one prefix: the page and its files, and the JSON API it calls. One filter before
 * every route under the prefix checks the session, and for changes the CSRF token, so that a route added later is
 * guarded without asking; only {@link StudioAccess#PUBLIC} ones are not. Failures answer
 * {@code {"error": .., "message": ..}} with their status.
 */
final class StudioRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(StudioRoutes.class);
    /** The page's own files: plain names only, so no request reaches beyond the folder of them. */
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(js|css|svg|png)");
    private static final Pattern THUMB = Pattern.compile("[fd][0-9]+(-[0-9]+)?\\.jpg");
    private static final Pattern UPLOAD_NAME = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_MASK_FRAMES = 1200;
    private static final int MAX_PEOPLE_PAGE = 500;
    /** Where the access filter leaves the request's session for the route. */
    private static final String SESSION = "faceblur.studio.session";

    @FunctionalInterface
    private interface Action {
        Object run(Context ctx, StudioAccess.Session session) throws IOException;
    }

    private final Studio studio;
    private final String prefix;
    private final StudioAccess access;

    StudioRoutes(Studio studio, String prefix) {
        this.studio = studio;
        this.prefix = prefix;
        this.access = studio.access();
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.before(prefix + "/*", this::guard);
        r.get(prefix + "/", this::page);
        r.get(prefix + "/app/{file}", this::asset);
        r.post(prefix + "/api/signin", this::signIn);
        r.post(prefix + "/api/signout", ctx -> handle(ctx, (c, s) -> {
            access.close(c);
            return Map.of("signedOut", true);
        }));
        r.get(prefix + "/api/session", ctx -> handle(ctx, (c, s) -> Map.of("user", s.user(), "csrf", s.csrf(),
                "maxUploadBytes", studio.settings().maxUploadBytes(), "signsInWithKeys", access.signsInWithKeys())));
        SseHandler events = new SseHandler(client -> studio.events().add(client));
        r.get(prefix + "/api/events", events::handle);
        r.get(prefix + "/api/videos", ctx -> handle(ctx, (c, s) -> studio.catalog().list()));
        r.get(prefix + "/api/projects", ctx -> handle(ctx, (c, s) ->
                studio.library().list().stream().map(StudioViews::status).toList()));
        r.post(prefix + "/api/projects", ctx -> handle(ctx, (c, s) ->
                StudioViews.status(studio.open(text(body(c), "path"), s.user()))));
        r.post(prefix + "/api/uploads", ctx -> handle(ctx, this::upload));

        String p = prefix + "/api/projects/{id}";
        r.get(p, ctx -> handle(ctx, (c, s) -> StudioViews.project(project(c))));
        r.get(p + "/frames", ctx -> handle(ctx, (c, s) -> new StudioViews.FramesView(project(c).findings().frames())));
        r.get(p + "/people", ctx -> handle(ctx, (c, s) -> StudioViews.people(project(c), intParam(c, "offset", 0),
                Math.min(MAX_PEOPLE_PAGE, intParam(c, "limit", 100)), "deleted".equals(c.queryParam("show")))));
        r.get(p + "/masks", ctx -> handle(ctx, (c, s) -> StudioViews.masks(project(c), intParam(c, "from", 0),
                Math.min(MAX_MASK_FRAMES, intParam(c, "count", 100)))));
        r.get(p + "/log", ctx -> handle(ctx, (c, s) -> project(c).project().log()));
        r.get(p + "/frames/{frame}", ctx -> binary(ctx, this::frameImage));
        r.get(p + "/thumbs/{file}", ctx -> binary(ctx, this::thumb));
        r.get(p + "/media", ctx -> binary(ctx, this::media));
        r.get(p + "/export/{file}", ctx -> binary(ctx, this::download));
        r.post(p + "/cancel", ctx -> handle(ctx, (c, s) -> {
            StudioProject project = project(c);
            studio.cancel(project);
            return StudioViews.status(project);
        }));
        r.post(p + "/people/{person}", ctx -> handle(ctx, this::person));
        r.post(p + "/merge", ctx -> handle(ctx, (c, s) -> {
            List<Integer> people = new ArrayList<>();
            body(c).path("people").forEach(n -> people.add(n.asInt()));
            return edited(project(c).apply(s.user(), (e, x) -> e.merge(x, people)));
        }));
        r.post(p + "/tracks", ctx -> handle(ctx, this::draw));
        r.post(p + "/tracks/{track}/{action}", ctx -> handle(ctx, this::trackAction));
        r.post(p + "/settings", ctx -> handle(ctx, this::settings));
        new StudioEditRoutes(studio).register(config, prefix, (ctx, action) -> handle(ctx, action::run));
        r.post(p + "/export", ctx -> handle(ctx, (c, s) -> {
            StudioProject project = project(c);
            JsonNode body = body(c);
            studio.export(project, s.user(), body.path("signedOffBy").asText(null), body.path("toBucket").asBoolean(false));
            return StudioViews.status(project);
        }));
    }

    // ---- the page

    private void page(Context ctx) throws IOException {
        noStore(ctx);
        if (!ctx.path().endsWith("/")) {
            // The page's addresses are relative to the app's folder: /studio, not /studio/, would miss it.
            ctx.redirect(prefix + "/", HttpStatus.FOUND);
            return;
        }
        try {
            if (access.openWithToken(ctx)) {
                ctx.redirect(prefix + "/", HttpStatus.SEE_OTHER);
                return;
            }
        } catch (StudioException e) {
            ctx.status(e.status()).contentType("text/plain; charset=utf-8").result("faceblur studio: " + e.getMessage() + "\n");
            return;
        }
        if (access.session(ctx).isPresent()) {
            ctx.contentType("text/html; charset=utf-8").result(resource("index.html"));
        } else if (access.signsInWithKeys()) {
            ctx.contentType("text/html; charset=utf-8").result(resource("signin.html"));
        } else {
            ctx.status(401).contentType("text/html; charset=utf-8").result(resource("locked.html"));
        }
    }

    private void asset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        if (!ASSET.matcher(file).matches()) {
            ctx.status(404);
            return;
        }
        byte[] bytes = resource(file);
        if (bytes == null) {
            ctx.status(404);
            return;
        }
        noStore(ctx);
        String type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css"
                : file.endsWith(".svg") ? "image/svg+xml" : "image/png";
        ctx.contentType(type + (type.startsWith("text") ? "; charset=utf-8" : "")).result(bytes);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StudioRoutes.class.getResourceAsStream("/studio/" + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** Pages and API answers change with every decision: never from a cache. */
    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    /**
     * Before every route under the prefix: the session it needs (left for the route), or the answer 401/403; the
     * route does not run then.
     */
    private void guard(Context ctx) {
        String path = ctx.path().substring(ctx.contextPath().length());
        String route = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
        try {
            StudioAccess.Session session = access.require(ctx, route.isEmpty() ? "/" : route);
            if (session != null) {
                ctx.attribute(SESSION, session);
            }
        } catch (StudioException e) {
            noStore(ctx);
            error(ctx, e.status(), e.code(), e.getMessage());
            ctx.skipRemainingHandlers();
        }
    }

    private void signIn(Context ctx) {
        noStore(ctx);
        String problem = access.crossSiteProblem(ctx, null);
        if (problem != null) {
            error(ctx, 403, "CrossSiteRequest", problem);
            return;
        }
        if (!access.signsInWithKeys()) {
            error(ctx, 404, "NotFound", "this studio opens with the link it printed, not with keys");
            return;
        }
        JsonNode body;
        try {
            body = ReviewJson.mapper().readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            error(ctx, 400, "BadRequest", "send {\"accessKeyId\": .., \"secretAccessKey\": ..}");
            return;
        }
        try {
            if (access.openWithKey(ctx, body.path("accessKeyId").asText(null), body.path("secretAccessKey").asText(null))) {
                ctx.contentType("application/json").result(StudioViews.json(Map.of("signedIn", true)));
            } else {
                error(ctx, 401, "SignInFailed", "wrong access key id or secret access key");
            }
        } catch (StudioException e) {
            error(ctx, e.status(), e.code(), e.getMessage());
        }
    }

    // ---- the API

    /** Checks the session (and, for changes, where the request comes from), runs the action, answers JSON. */
    private void handle(Context ctx, Action action) {
        run(ctx, action, true);
    }

    /** As {@link #handle}, for answers that are files and pictures rather than JSON: the action writes them. */
    private void binary(Context ctx, Action action) {
        run(ctx, action, false);
    }

    private void run(Context ctx, Action action, boolean json) {
        noStore(ctx);
        StudioAccess.Session session = session(ctx);
        if (session == null) {
            return;
        }
        try {
            Object result = action.run(ctx, session);
            if (json) {
                ctx.contentType("application/json").result(StudioViews.json(result));
            }
        } catch (StudioException e) {
            error(ctx, e.status(), e.code(), e.getMessage());
        } catch (FaceblurException e) {
            error(ctx, 400, "BadRequest", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.error("studio request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "InternalError", "the studio failed (" + e.getClass().getSimpleName() + "); see its log");
        }
    }

    /** The session {@link #guard} found for this request, or null after answering 401 (a public route). */
    private StudioAccess.Session session(Context ctx) {
        StudioAccess.Session session = ctx.attribute(SESSION);
        if (session == null) {
            error(ctx, 401, "SignInRequired", "this route needs a session");
        }
        return session;
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json")
                .result(StudioViews.json(Map.of("error", code, "message", message)));
    }

    private StudioProject project(Context ctx) {
        return studio.library().get(ctx.pathParam("id"));
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = ReviewJson.mapper().readTree(ctx.bodyAsBytes());
            return node == null ? ReviewJson.mapper().createObjectNode() : node;
        } catch (IOException e) {
            throw new StudioException(400, "the request body is not JSON (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            throw new StudioException(400, "give \"" + field + "\" as text");
        }
        return n.asText();
    }

    private static int number(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.canConvertToInt()) {
            throw new StudioException(400, "give \"" + field + "\" as a whole number");
        }
        return n.asInt();
    }

    private static Box box(JsonNode body) {
        JsonNode b = body.get("box");
        if (b == null || !b.path("x").isNumber() || !b.path("y").isNumber() || !b.path("width").isNumber()
                || !b.path("height").isNumber()) {
            throw new StudioException(400, "give \"box\" as {\"x\": .., \"y\": .., \"width\": .., \"height\": ..} "
                    + "in the video's pixels");
        }
        return new Box(b.get("x").asDouble(), b.get("y").asDouble(), b.get("width").asDouble(), b.get("height").asDouble());
    }

    /** A whole-number part of the path ({frame}, {person}, {track}): 400 naming it, not a 500, when it is not. */
    private static int intPath(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new StudioException(400, name + " must be a whole number, got " + v);
        }
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new StudioException(400, name + " must be a whole number, got " + v);
        }
    }

    private static Map<String, Object> edited(Project p) {
        return Map.of("nextTrackId", p.nextTrackId(), "people", p.people().size());
    }

    private Object person(Context ctx, StudioAccess.Session s) {
        StudioProject project = project(ctx);
        int person = intPath(ctx, "person");
        JsonNode body = body(ctx);
        if (body.has("decision")) {
            String d = text(body, "decision").toUpperCase(Locale.ROOT);
            Decision decision = switch (d) {
                case "BLUR" -> Decision.BLUR;
                case "KEEP" -> Decision.KEEP;
                default -> throw new StudioException(400, "decision is \"blur\" or \"keep\", got " + d.toLowerCase(Locale.ROOT));
            };
            project.apply(s.user(), (e, p) -> e.decide(p, person, decision));
        }
        if (body.has("label")) {
            String label = body.get("label").isNull() ? null : text(body, "label");
            project.apply(s.user(), (e, p) -> e.label(p, person, label));
        }
        return StudioViews.status(project);
    }

    private Object draw(Context ctx, StudioAccess.Session s) {
        StudioProject project = project(ctx);
        JsonNode body = body(ctx);
        int frame = number(body, "frame");
        Box box = box(body);
        int[] id = new int[1];
        project.apply(s.user(), (e, p) -> {
            var drawn = e.draw(p, frame, box);
            id[0] = drawn.track();
            return drawn.project();
        });
        studio.follow(project, id[0], s.user());
        return Map.of("track", id[0]);
    }

    private Object trackAction(Context ctx, StudioAccess.Session s) {
        StudioProject project = project(ctx);
        int track = intPath(ctx, "track");
        String action = ctx.pathParam("action");
        JsonNode body = body(ctx);
        Project result = switch (action) {
            case "separate" -> project.apply(s.user(), (e, p) -> e.separate(p, track));
            case "split" -> {
                int frame = number(body, "frame");
                yield project.apply(s.user(), (e, p) -> e.split(p, track, frame));
            }
            case "delete" -> project.apply(s.user(), (e, p) -> e.delete(p, track));
            case "restore" -> project.apply(s.user(), (e, p) -> e.restore(p, track));
            case "delete-frames" -> {
                int from = number(body, "from");
                int to = number(body, "to");
                yield project.apply(s.user(), (e, p) -> e.deleteFrames(p, track, from, to));
            }
            case "box" -> {
                int frame = number(body, "frame");
                Box box = box(body);
                Project next = project.apply(s.user(), (e, p) -> e.setBox(p, track, frame, box));
                if (next.track(track).isDrawn()) {
                    studio.follow(project, track, s.user());
                }
                yield next;
            }
            default -> throw StudioException.notFound("no track action " + action
                    + " (separate, split, delete, restore, delete-frames, box)");
        };
        return edited(result);
    }

    private Object settings(Context ctx, StudioAccess.Session s) {
        StudioProject project = project(ctx);
        JsonNode body = body(ctx);
        RedactionSettings now = project.project().redaction();
        Style style = body.has("style") ? enumValue(Style.class, text(body, "style"), "style") : now.style();
        Shape shape = body.has("shape") ? enumValue(Shape.class, text(body, "shape"), "shape") : now.shape();
        double scale = body.has("maskScale") ? body.get("maskScale").asDouble() : now.maskScale();
        if (!style.hides()) {
            throw new StudioException(400, "style " + style + " hides nothing: it is for `faceblur blur --style outline`,"
                    + " not for an export");
        }
        RedactionSettings settings = now.with(style, shape, scale);
        project.apply(s.user(), (e, p) -> e.redaction(p, settings));
        return settings;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StudioException(400, name + " cannot be " + value);
        }
    }

    private Object frameImage(Context ctx, StudioAccess.Session s) {
        StudioProject project = project(ctx);
        int frame = intPath(ctx, "frame");
        boolean after = !"before".equals(ctx.queryParam("view"));
        long micros = project.findings().micros(frame);
        List<Box> hide = after ? project.plan().hiddenBoxesAt(micros) : List.of();
        byte[] jpeg = project.frames().frame(frame, hide, project.project().redaction());
        ctx.contentType("image/jpeg").result(jpeg);
        return null;
    }

    private Object thumb(Context ctx, StudioAccess.Session s) throws IOException {
        String file = ctx.pathParam("file");
        Path path = project(ctx).thumbsDir().resolve(file);
        if (!THUMB.matcher(file).matches() || !Files.isRegularFile(path)) {
            throw StudioException.notFound("no thumbnail " + file);
        }
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.contentType("image/jpeg").result(Files.readAllBytes(path));
        return null;
    }

    private Object media(Context ctx, StudioAccess.Session s) throws IOException {
        Path file = project(ctx).media();
        ctx.header("Cache-Control", "private, no-cache");
        ctx.writeSeekableStream(Files.newInputStream(file), Downloads.videoType(file), Files.size(file));
        return null;
    }

    /**
     * An export's video, or its report as JSON ({@code report.json}) or text ({@code report.txt}): the latest
     * export's, or with {@code ?revision=N} that of the export kept for revision N.
     */
    private Object download(Context ctx, StudioAccess.Session s) throws IOException {
        StudioProject project = project(ctx);
        String revision = ctx.queryParam("revision");
        ExportState.Kept kept = revision == null ? project.export().last()
                : project.export().kept(intParam(ctx, "revision", -1)).orElseThrow(() ->
                StudioException.notFound("no export of revision " + revision + " is kept"));
        if (kept == null || !Files.exists(kept.video())) {
            throw StudioException.notFound("nothing exported yet");
        }
        Path video = kept.video();
        String which = ctx.pathParam("file");
        Path file = switch (which) {
            case "video" -> video;
            case "report.json" -> ReviewExport.jsonReportFor(video);
            case "report.txt" -> ReviewExport.textReportFor(video);
            default -> throw StudioException.notFound("no export file " + which + " (video, report.json, report.txt)");
        };
        String type = which.equals("video") ? Downloads.videoType(file) : which.endsWith("json")
                ? "application/json; charset=utf-8" : "text/plain; charset=utf-8";
        ctx.header("Content-Disposition", Downloads.attachment(file.getFileName().toString()));
        if (which.equals("video")) {
            ctx.writeSeekableStream(Files.newInputStream(file), type, Files.size(file));
        } else {
            ctx.contentType(type).result(Files.readAllBytes(file));
        }
        return null;
    }

    private Object upload(Context ctx, StudioAccess.Session s) throws IOException {
        String name = ctx.queryParam("name");
        if (name == null || name.isBlank()) {
            throw new StudioException(400, "give the file's name: POST " + prefix + "/api/uploads?name=clip.mp4");
        }
        String safe = UPLOAD_NAME.matcher(Path.of(name).getFileName().toString()).replaceAll("_");
        if (!VideoCatalog.isVideoName(safe) || safe.startsWith(".")) {
            throw new StudioException(400, name + ": not a video file name (" + VideoCatalog.extensions() + ")");
        }
        Path file = Uploads.receive(ctx, studio.uploads(), safe, studio.settings().maxUploadBytes());
        return Map.of("path", file.toString(), "name", file.getFileName().toString(), "bytes", Files.size(file));
    }
}
