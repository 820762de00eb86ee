package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.engine.AtomicOutput;
import faceblur.engine.FaceBlur;
import faceblur.redact.RedactionSettings;
import faceblur.rekognition.FaceDetectionResult;
import faceblur.rekognition.RekognitionJson;
import faceblur.review.Findings;
import faceblur.review.Project;
import faceblur.review.RedactionReport;
import faceblur.review.ReviewExport;
import faceblur.review.ReviewJson;
import faceblur.shot.PictureCues;
import faceblur.text.HiddenTracks;
import faceblur.track.FaceTimeline;
import faceblur.track.Track;
import faceblur.video.VideoInfo;
import faceblur.video.VideoReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "redact",
        mixinStandardHelpOptions = true,
        header = "Blur the faces of a detection result (faceblur's or Amazon Rekognition's), or of a studio project.",
        description = {
                "Reads GetFaceDetection JSON: one response per file, or a JSON array of responses; give several "
                        + "files (--faces a.json --faces b.json) to merge the pages of one job. Rekognition "
                        + "samples faces sparsely (about twice a second), so the sightings are linked into tracks "
                        + "and every frame is covered:",
                "  - between two sightings of a face at most --max-gap apart (default 3 s) its box is "
                        + "interpolated on every frame, following the camera's pan and zoom;",
                "  - before its first and after its last sighting it stays hidden for --extend (default 2 s), "
                        + "held where it stood in the scene and carried along its own motion;",
                "  - a shot change ends every track: the video is read once first to find them, so that no "
                        + "face's blur stays on screen into the next shot.",
                "",
                "faceblur's own JSON (faceblur detect, blur --faces-json) keeps its tracks, each TrackId one face, "
                        + "so the masks are those faceblur blur draws. Its Texts (detect --hide faces,text) are "
                        + "hidden too, as tracks, in the same --style and --shape, each mask covering its whole "
                        + "text box: the output is that of blur --hide faces,text. --keep takes their TrackIds too.",
                "",
                "--keep TRACK_ID leaves the faces of those tracks (the TrackId of faceblur's JSON) visible, "
                        + "together with what crosses them: a weak track lying mostly inside a kept face (a hand, a "
                        + "microphone) or a second detection of it is not drawn there. Another sure face "
                        + "overlapping a kept one stays hidden.",
                "",
                "--project renders a review made in 'faceblur studio' instead: its people kept or blurred, tracks "
                        + "merged, split, deleted, drawn and corrected, its style, shape and mask scale. The video "
                        + "must be the one reviewed (checked by SHA-256); the output is the same, byte for byte, "
                        + "as the studio's export with the same --crf, --preset and --threads, and the redaction "
                        + "report is written beside it (OUTPUT.report.json and OUTPUT.report.txt).",
                "",
                "Examples:",
                "  faceblur redact in.mp4 --faces page1.json --faces page2.json",
                "  faceblur redact in.mp4 --faces in.faces.json --keep 3 --keep 7",
                "  faceblur redact in.mp4 --project DATA/projects/ID/project.json",
                ""})
final class RedactCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INPUT", description = "The video file the detections describe.")
    Path input;

    @Option(names = "--faces", paramLabel = "FILE",
            description = "GetFaceDetection JSON; repeat for several pages.")
    List<Path> faces = new ArrayList<>();

    @Option(names = "--keep", paramLabel = "TRACK_ID",
            description = "With --faces: leave this track's face visible (its TrackId in faceblur's JSON). Repeatable.")
    List<Integer> keep = new ArrayList<>();

    @Option(names = "--project", paramLabel = "FILE",
            description = "A studio project (project.json, with its findings.json beside it) instead of --faces.")
    Path project;

    @Option(names = "--signed-off-by", paramLabel = "NAME",
            description = "With --project: the name the report says signed the redaction off.")
    String signedOffBy;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The output file; .mp4, .mov or .mkv. Default: <name>_blurred.mp4 beside the input.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N", description = "Encoder threads. Default: all cores.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    TrackingOptions tracking = new TrackingOptions();

    @Mixin
    RenderOptions render = new RenderOptions();

    @Override
    public Integer call() {
        if ((project == null) == faces.isEmpty()) {
            throw new FaceblurException("give either --faces (detections) or --project (a studio review), not both");
        }
        if (project != null) {
            return renderProject();
        }
        // Bad options are reported before any file is read.
        RedactionSettings redaction = render.redaction();
        List<FaceDetectionResult> pages = RekognitionJson.read(faces);
        VideoInfo info = VideoReader.probe(input);
        List<RekognitionJson.Sighting> sightings = RekognitionJson.sightings(pages, info.width(), info.height());
        List<RekognitionJson.Sighting> textSightings = RekognitionJson.textSightings(pages, info.width(), info.height());
        List<RekognitionJson.Sighting> all = new ArrayList<>(sightings);
        all.addAll(textSightings);
        Set<Integer> kept = keptTracks(all);
        Outputs.Plan plan = Outputs.plan(input, info, output, null);
        try (FaceBlur engine = FaceBlur.withoutDetector(tracking.settings());
             AtomicOutput video = AtomicOutput.create(plan.path(), render.overwrite)) {
            String name = input.getFileName().toString();
            PictureCues cues = engine.readPictureCues(input, ConsoleProgress.forFile(name, quiet));
            List<Track> tracks = HiddenTracks.of(engine.trackSightings(sightings, cues),
                    engine.trackSightings(textSightings, cues, RekognitionJson.textEvery(pages)), redaction);
            List<Track> hidden = tracks.stream().filter(t -> !kept.contains(t.id())).toList();
            List<Track> visible = tracks.stream().filter(t -> kept.contains(t.id())).toList();
            int frames = engine.render(input, FaceTimeline.sparing(hidden, visible), redaction,
                    render.encoding(threads), video.temporary(), plan.container(), ConsoleProgress.forFile(name, quiet));
            video.commit();
            if (!quiet) {
                System.err.println("wrote " + plan.path() + " (" + frames + " frames, " + hidden.size()
                        + (textSightings.isEmpty() ? " faces hidden" : " faces and texts hidden")
                        + (visible.isEmpty() ? "" : ", " + visible.size() + " left visible") + ")");
            }
            return 0;
        }
    }

    /**
     * The --keep tracks, each checked to be a TrackId of the results; a result without TrackIds cannot say which
     * those are.
     */
    private Set<Integer> keptTracks(List<RekognitionJson.Sighting> sightings) {
        if (keep.isEmpty()) {
            return Set.of();
        }
        Set<Integer> seen = new HashSet<>();
        sightings.forEach(s -> {
            if (s.trackId() != null) {
                seen.add(s.trackId());
            }
        });
        List<Integer> missing = keep.stream().filter(id -> !seen.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw new FaceblurException("--keep " + missing + ": no such TrackId in " + faces + (seen.isEmpty()
                    ? " (it has no TrackIds: only faceblur's detections do; review other results in faceblur studio)"
                    : ""));
        }
        return Set.copyOf(keep);
    }

    private int renderProject() {
        for (String option : List.of("--style", "--shape", "--mask-scale", "--blur-strength", "--pixel-blocks",
                "--fill-colour", "--keep", "--extend", "--max-gap", "--min-sightings")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new FaceblurException(option + " cannot be used with --project: the project says how its "
                        + "faces are hidden; change it in the studio");
            }
        }
        Project review = ReviewJson.readProject(project);
        Findings findings = ReviewJson.readFindings(project.resolveSibling(ReviewJson.FINDINGS_FILE),
                review.findingsSha256());
        VideoInfo info = VideoReader.probe(input);
        Outputs.Plan plan = Outputs.plan(input, info, output, null);
        try (FaceBlur engine = FaceBlur.withoutDetector(tracking.settings())) {
            ReviewExport.Result result = ReviewExport.export(engine, new ReviewExport.Request(input, findings, review,
                            render.encoding(threads), plan.path(), plan.container(), render.overwrite,
                            System.getProperty("user.name", "local user"), signedOffBy), Clock.systemUTC(),
                    ConsoleProgress.forFile(input.getFileName().toString(), quiet));
            if (!quiet) {
                RedactionReport.Summary s = result.report().summary();
                System.err.println("wrote " + result.video() + " (" + result.report().frames() + " frames; "
                        + s.hidden() + " people hidden, " + s.keptVisible() + " left visible" + (s.texts() == 0 ? ""
                        : "; " + s.textHidden() + " pieces of text hidden, " + s.textKeptVisible() + " left visible")
                        + ") and its report "
                        + result.textReport().getFileName());
            }
            return 0;
        }
    }
}
