package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.engine.FaceBlur;
import faceblur.redact.RedactionSettings;
import faceblur.server.Ports;
import faceblur.server.ServiceLimits;
import faceblur.studio.Studio;
import faceblur.studio.StudioSettings;
import faceblur.text.HideTargets;
import faceblur.text.TextSource;
import faceblur.video.EncoderSettings;
import io.javalin.Javalin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "studio",
        mixinStandardHelpOptions = true,
        header = "Review a redaction in the browser: keep or blur each person, add missed faces, export with a report.",
        description = {
                "Starts a local web app and prints its address, with a secret token in it: open that in your "
                        + "browser (or pass --open). Choose a video (one given here, one under these folders, or "
                        + "upload one from the page); faceblur finds its faces as 'faceblur blur' does, then shows "
                        + "each person as a row of pictures with when they are on screen.",
                "",
                "With --hide faces,text the studio also finds text (licence plates, signs, name badges, screens) "
                        + "and lists each piece apart from the people, hidden until you keep it (a shop sign) as a "
                        + "person is.",
                "",
                "Everyone is blurred until you say otherwise. You can keep a person visible, merge the tracks of one "
                        + "person across shots, split a track that jumped from one face to another, delete a false "
                        + "one (or some of its frames), draw a box over a face the detector missed (it is followed "
                        + "through the shot) and correct a box on any frame. Every decision is saved as you make it "
                        + "in DATA/projects/ID/project.json; reloading the page or restarting the studio brings the "
                        + "review back.",
                "",
                "Export renders with the engine of 'faceblur blur' (same frames, timestamps, untouched sound) and "
                        + "writes a redaction report beside the video, as JSON and text: input and output SHA-256, "
                        + "engine, model and settings, who was left visible, what was drawn or corrected by hand, "
                        + "and every decision with who made it and when.",
                "'faceblur redact VIDEO --project DATA/projects/ID/project.json' renders the same project to the "
                        + "same bytes.",
                "",
                "The token is new at every start; FACEBLUR_STUDIO_TOKEN sets it instead (for scripts).",
                "",
                "Examples:",
                "  faceblur studio interview.mp4           review one video",
                "  faceblur studio footage/ --open         any video in footage/, in the browser",
                "  faceblur studio --port 0 --data review  any free port, projects in review/",
                "  faceblur studio --hide faces,text dashcam.mp4  plates and signs too",
                ""})
final class StudioCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VIDEO", arity = "0..*",
            description = "Videos, or folders of them, that the page may open. Uploads are always allowed.")
    List<Path> videos = new ArrayList<>();

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port = 8090;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where projects, their exports and uploads live. Default: ${DEFAULT-VALUE}.")
    Path data = NodeOptions.defaultDataDir().resolve("studio");

    @Option(names = "--open", description = "Open the studio in the system's web browser.")
    boolean open;

    @Option(names = "--max-video-size", paramLabel = "SIZE", converter = Sizes.ByteConverter.class,
            description = "Largest video the page may upload, e.g. 10G, 500M. Default: 10G.")
    long maxVideoBytes = ServiceLimits.defaults().maxVideoBytes();

    @Mixin
    StudioWebOptions web = new StudioWebOptions();

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Mixin
    TrackingOptions tracking = new TrackingOptions();

    @Mixin
    HideOptions hide = new HideOptions();

    @Override
    public Integer call() throws InterruptedException {
        for (Path v : videos) {
            if (!Files.exists(v)) {
                throw new FaceblurException(v + ": no such file or folder");
            }
        }
        HideTargets targets = hide.targets();
        TextSource text = hide.textSource(detection.threads);
        Ports.requireFree(host, port, "--port");
        warnIfExposed();
        String token = Studio.token();
        StudioSettings settings = new StudioSettings(data, maxVideoBytes, token, Map.of(),
                System.getProperty("user.name", "local user"), detection.provenance(tracking),
                RedactionSettings.defaults(), EncoderSettings.defaults().withThreads(detection.threads), web.settings(),
                targets, text);
        FaceBlur engine = detection.engine(tracking);
        Studio studio;
        Javalin http;
        try {
            studio = Studio.local(settings, engine, videos);
            http = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                studio.routes(config, "");
            }).start(host, port);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port() + "/?token=" + token;
        System.err.println("faceblur studio: open " + url + " in your browser (projects in "
                + data.toAbsolutePath() + "). Ctrl-C stops.");
        if (open) {
            openBrowser(url);
        }
        SignalStop.onStop(() -> {
            studio.stopEvents();
            http.stop();
            studio.close(); // waits for its analyses; the engine is closed after it
        });
        SignalStop.await();
        return 0;
    }

    /** The token guards the studio anywhere, but plain HTTP shows it to anyone on the way. */
    private void warnIfExposed() {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                System.err.println("faceblur studio: listening on " + host + " over plain HTTP: anyone who can see "
                        + "the traffic can see the token and the videos; prefer 127.0.0.1 and an SSH tunnel");
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // Ports.requireFree has resolved it
        }
    }

    private static void openBrowser(String url) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", url)
                : os.contains("mac") ? List.of("open", url) : List.of("xdg-open", url);
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.err.println("faceblur studio: could not open a browser (" + e.getMessage() + "); open the address above");
        }
    }
}
