package faceblur.studio;

import com.fasterxml.jackson.databind.JsonNode;
import faceblur.review.Decision;
import faceblur.review.Project;
import faceblur.review.ProjectEdits;
import faceblur.review.ReviewJson;
import faceblur.review.ReviewTrack;
import faceblur.review.Triage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The routes of the review as an editor: undo and redo, decisions on many people at once, and the triage facts
 * (scores, sizes, time on screen, "probably not faces", merge suggestions). Access is checked by the wrapper the
 * studio's other routes use, handed in as {@code guard}.
 */
final class StudioEditRoutes {

    /** A route's work, run by the guard once the session (and, for changes, its CSRF token) is checked. */
    @FunctionalInterface
    interface Action {
        Object run(Context ctx, StudioAccess.Session session) throws IOException;
    }

    /** Checks access, runs the action and answers its result as JSON (StudioRoutes' handle). */
    @FunctionalInterface
    interface Guard {
        void handle(Context ctx, Action action);
    }

    /** The batch actions, by the name the page sends. */
    private static final Set<String> BATCH = Set.of("keep", "blur", "delete", "restore", "merge");

    private final Studio studio;
    /** Mean face colours by found track, per project: thumbnails are written once per analysis. */
    private final Map<StudioProject, Map<Integer, double[]>> colours = new WeakHashMap<>();

    StudioEditRoutes(Studio studio) {
        this.studio = studio;
    }

    void register(JavalinConfig config, String prefix, Guard guard) {
        var r = config.routes;
        String p = prefix + "/api/projects/{id}";
        r.get(p + "/history", ctx -> guard.handle(ctx, (c, s) -> project(c).undoOffer()));
        r.post(p + "/undo", ctx -> guard.handle(ctx, (c, s) -> undo(c, s, false)));
        r.post(p + "/redo", ctx -> guard.handle(ctx, (c, s) -> undo(c, s, true)));
        r.post(p + "/batch", ctx -> guard.handle(ctx, this::batch));
        r.get(p + "/triage", ctx -> guard.handle(ctx, (c, s) -> {
            StudioProject project = project(c);
            return new Triage(project.findings()).of(project.project(), colours(project));
        }));
    }

    private StudioProject project(Context ctx) {
        return studio.library().get(ctx.pathParam("id"));
    }

    private Object undo(Context ctx, StudioAccess.Session s, boolean redo) {
        StudioProject project = project(ctx);
        Project p = project.undo(s.user(), redo);
        return Map.of("revision", project.revision(), "history", project.undoOffer(), "people", p.people().size());
    }

    /**
     * {@code {"action": "keep"|"blur"|"delete"|"restore"|"merge", "people": [..]}}: one decision on all of them,
     * saved as one version (one revision, one undo step), each person's change logged.
     */
    private Object batch(Context ctx, StudioAccess.Session s) {
        StudioProject project = project(ctx);
        JsonNode body = body(ctx);
        String action = body.path("action").asText("").toLowerCase(Locale.ROOT);
        if (!BATCH.contains(action)) {
            throw new StudioException(400, "action is one of " + String.join(", ", BATCH.stream().sorted().toList())
                    + ", got \"" + body.path("action").asText("") + "\"");
        }
        Set<Integer> people = new LinkedHashSet<>();
        body.path("people").forEach(n -> {
            if (!n.canConvertToInt()) {
                throw new StudioException(400, "people are person numbers, got " + n);
            }
            people.add(n.asInt());
        });
        if (people.isEmpty()) {
            throw new StudioException(400, "give \"people\": the numbers of the people to " + action);
        }
        Project next = project.apply(s.user(), (e, p) -> batch(e, p, action, List.copyOf(people)));
        return Map.of("revision", project.revision(), "people", next.people().size());
    }

    static Project batch(ProjectEdits e, Project p, String action, List<Integer> people) {
        if (action.equals("merge")) {
            return e.merge(p, people);
        }
        Project next = p;
        for (int person : people) {
            next = switch (action) {
                case "keep" -> e.decide(next, person, Decision.KEEP);
                case "blur" -> e.decide(next, person, Decision.BLUR);
                default -> tracks(e, next, person, action.equals("delete"));
            };
        }
        return next;
    }

    /** Deletes (or restores) every track of {@code person} not already so. */
    private static Project tracks(ProjectEdits e, Project p, int person, boolean delete) {
        p.person(person);
        Project next = p;
        for (ReviewTrack t : p.tracksOf(person)) {
            if (t.deleted() != delete) {
                next = delete ? e.delete(next, t.id()) : e.restore(next, t.id());
            }
        }
        return next;
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = ReviewJson.mapper().readTree(ctx.bodyAsBytes());
            if (node == null || !node.isObject()) {
                throw new StudioException(400, "send a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new StudioException(400, "the request body is not JSON (" + e.getMessage() + ")");
        }
    }

    private Map<Integer, double[]> colours(StudioProject project) {
        synchronized (colours) {
            Map<Integer, double[]> known = colours.get(project);
            if (known == null) {
                known = readColours(project);
                colours.put(project, known);
            }
            return known;
        }
    }

    /** Each found track's mean face colour over its thumbnails' middles (a thumbnail is 1.5 faces wide). */
    private static Map<Integer, double[]> readColours(StudioProject project) {
        Map<Integer, double[]> out = new HashMap<>();
        for (var entry : project.thumbs().entrySet()) {
            List<double[]> each = new ArrayList<>();
            for (TrackThumbnails.Thumb t : entry.getValue()) {
                double[] c = meanMiddle(project.thumbsDir().resolve(t.file()));
                if (c != null) {
                    each.add(c);
                }
            }
            if (!each.isEmpty()) {
                double[] sum = new double[3];
                each.forEach(c -> {
                    for (int i = 0; i < 3; i++) {
                        sum[i] += c[i] / each.size();
                    }
                });
                out.put(entry.getKey(), sum);
            }
        }
        return out;
    }

    private static double[] meanMiddle(Path jpeg) {
        try {
            BufferedImage img = ImageIO.read(jpeg.toFile());
            if (img == null) {
                return null;
            }
            int x0 = img.getWidth() / 4;
            int y0 = img.getHeight() / 4;
            double[] sum = new double[3];
            int n = 0;
            for (int y = y0; y < img.getHeight() - y0; y++) {
                for (int x = x0; x < img.getWidth() - x0; x++) {
                    int rgb = img.getRGB(x, y);
                    sum[0] += (rgb >> 16) & 0xff;
                    sum[1] += (rgb >> 8) & 0xff;
                    sum[2] += rgb & 0xff;
                    n++;
                }
            }
            return n == 0 ? null : new double[]{sum[0] / n, sum[1] / n, sum[2] / n};
        } catch (IOException e) {
            return null; // a thumbnail that cannot be read leaves its track matched by place and size only
        }
    }
}
