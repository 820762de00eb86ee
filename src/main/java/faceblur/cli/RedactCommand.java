package faceblur.cli;

import faceblur.engine.AtomicOutput;
import faceblur.engine.FaceBlur;
import faceblur.rekognition.FaceDetectionResult;
import faceblur.rekognition.RekognitionJson;
import faceblur.shot.PictureCues;
import faceblur.track.Track;
import faceblur.video.VideoInfo;
import faceblur.video.VideoReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "redact",
        mixinStandardHelpOptions = true,
        header = "Blur the faces listed in a detection result (faceblur's or Amazon Rekognition's).",
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
                "Example:",
                "  faceblur redact in.mp4 --faces rekognition-page1.json --faces rekognition-page2.json",
                ""})
final class RedactCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INPUT", description = "The video file the detections describe.")
    Path input;

    @Option(names = "--faces", paramLabel = "FILE", required = true,
            description = "GetFaceDetection JSON; repeat for several pages.")
    List<Path> faces;

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
        List<FaceDetectionResult> pages = RekognitionJson.read(faces);
        VideoInfo info = VideoReader.probe(input);
        Outputs.Plan plan = Outputs.plan(input, info, output, null);
        try (FaceBlur engine = FaceBlur.withoutDetector(tracking.settings());
             AtomicOutput video = AtomicOutput.create(plan.path(), render.overwrite)) {
            String name = input.getFileName().toString();
            PictureCues cues = engine.readPictureCues(input, ConsoleProgress.forFile(name, quiet));
            List<Track> tracks = engine.track(RekognitionJson.observations(pages, info.width(), info.height()), cues);
            int frames = engine.render(input, tracks, render.redaction(), render.encoding(threads),
                    video.temporary(), plan.container(), ConsoleProgress.forFile(name, quiet));
            video.commit();
            if (!quiet) {
                System.err.println("wrote " + plan.path() + " (" + frames + " frames, " + tracks.size() + " faces tracked)");
            }
            return 0;
        }
    }
}
