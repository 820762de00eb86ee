package faceblur.studio;

import faceblur.detect.DetectorPool;
import faceblur.detect.DetectorSettings;
import faceblur.engine.DetectionSchedule;
import faceblur.engine.FaceBlur;
import faceblur.redact.RedactionSettings;
import faceblur.review.Provenance;
import faceblur.review.SourceFile;
import faceblur.testing.Media;
import faceblur.text.HideTargets;
import faceblur.text.TextSource;
import faceblur.track.TrackerSettings;
import faceblur.video.EncoderSettings;
import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A studio in the test's own process, on a free port of 127.0.0.1, as {@code faceblur studio} starts one (same
 * classes, real HTTP and a real engine), so that a test can see what Javalin registered and start in a second
 * instead of a JVM's ten.
 */
final class LocalStudio implements AutoCloseable {

    final Studio studio;
    final Javalin http;
    final FaceBlur engine;
    /** Every handler Javalin registered, filters included, as its own event reported them. */
    final List<HandlerMetaInfo> handlers = new ArrayList<>();
    final URI base;
    final String token;

    /**
     * @param more adds routes to the same server after the studio's (a route another class adds later)
     */
    LocalStudio(Path data, List<Path> videos, String token, Map<String, String> keys, StudioWeb web,
                Consumer<io.javalin.config.JavalinConfig> more) {
        this(data, videos, token, keys, web, more, HideTargets.FACES, null);
    }

    /** A studio that finds {@code hide}, text with {@code text} ({@code faceblur studio --hide faces,text}). */
    LocalStudio(Path data, List<Path> videos, String token, Map<String, String> keys, StudioWeb web,
                Consumer<io.javalin.config.JavalinConfig> more, HideTargets hide, TextSource text) {
        this.token = token;
        TrackerSettings tracking = TrackerSettings.defaults();
        DetectorSettings detector = DetectorSettings.defaults();
        engine = FaceBlur.withDetectors(new DetectorPool(Media.model(), detector), DetectionSchedule.defaults(), tracking);
        Provenance provenance = new Provenance(FaceBlur.version(), SourceFile.of(Media.model()), detector,
                DetectionSchedule.defaults(), tracking);
        studio = Studio.local(new StudioSettings(data, 50L << 20, token, keys, "tester", provenance,
                RedactionSettings.defaults(), EncoderSettings.defaults(), web, hide, text), engine, videos);
        http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.events.handlerAdded(handlers::add);
            studio.routes(config, "");
            more.accept(config);
        }).start("127.0.0.1", 0);
        base = URI.create("http://127.0.0.1:" + http.port() + "/");
    }

    /** The address the studio would print: its page with the token. */
    URI printed() {
        return base.resolve("/?token=" + token);
    }

    @Override
    public void close() {
        studio.stopEvents();
        http.stop();
        studio.close();
        engine.close();
    }
}
