package faceblur.cli;

import faceblur.detect.Detection;
import faceblur.engine.Analysis;
import faceblur.engine.AtomicOutput;
import faceblur.engine.FaceBlur;
import faceblur.engine.ProgressListener;
import faceblur.photo.PhotoBlur;
import faceblur.photo.PhotoFaces;
import faceblur.photo.PhotoFormat;
import faceblur.rekognition.FaceDetectionResult;
import faceblur.rekognition.RekognitionJson;
import faceblur.text.HiddenTracks;
import faceblur.text.TextHiding;
import faceblur.text.VideoText;
import faceblur.track.Track;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "detect",
        mixinStandardHelpOptions = true,
        header = "Find the faces in a video or photo and write them as Rekognition JSON.",
        description = {
                "The same detection and tracking as 'faceblur blur', written as the response of Amazon Rekognition "
                        + "Video's GetFaceDetection: JobStatus, VideoMetadata, and Faces sorted by Timestamp (ms), "
                        + "with BoundingBox and Landmarks as ratios of the frame and Confidence 0-100. Each face "
                        + "also carries TrackId, the same number on every sighting of the same face.",
                "With --hide faces,text (or text) the text regions (licence plates, signs, badges, screens) are "
                        + "written too, as a Texts list beside Faces: Timestamp, TextDetection (Confidence, "
                        + "Geometry.BoundingBox as ratios of the frame: the text's own box, not its mask) and TrackId, "
                        + "numbered after the faces', and TextEvery, the frames looked at. 'faceblur redact' hides "
                        + "them as 'faceblur blur --hide faces,text' does. With --hide text alone Faces is empty.",
                "A photo (.jpg, .jpeg, .png, .webp) gets the image API's DetectFaces shape instead: FaceDetails, "
                        + "each with BoundingBox, Landmarks (ratios of the upright picture) and Confidence; found "
                        + "as 'faceblur blur' finds them (see its help).",
                "",
                "Examples:",
                "  faceblur detect in.mp4                 -> in.faces.json",
                "  faceblur detect in.mp4 -o - | jq '.Faces | length'",
                "  faceblur detect in.mp4 --hide faces,text -o - | jq '.Texts | length'",
                ""})
final class DetectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INPUT", description = "The video or photo file.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the JSON; - for standard output. Default: <name>.faces.json beside the input.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the output file if it exists.")
    boolean overwrite;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Mixin
    TrackingOptions tracking = new TrackingOptions();

    @Mixin
    HideOptions hide = new HideOptions();

    @Override
    public Integer call() throws IOException {
        boolean toStdout = output != null && output.toString().equals("-");
        Path target = output != null ? output
                : input.toAbsolutePath().resolveSibling(InputFiles.stem(input) + ".faces.json");
        hide.targets(); // bad options are reported before any file is read
        try (TextHiding text = hide.text(detection.threads); FaceBlur engine = detection.engine(tracking);
             AtomicOutput json = toStdout ? null : AtomicOutput.create(target, overwrite)) {
            if (PhotoFormat.isPhotoName(input)) {
                List<Detection> texts = new ArrayList<>();
                PhotoFaces found = engine.photos().detect(input, PhotoBlur.formatOf(input), picture -> {
                    if (text != null) {
                        texts.addAll(text.inPhoto(picture));
                    }
                });
                List<Detection> faces = hide.faces() ? found.faces() : List.of();
                return written(text == null ? RekognitionJson.photoResult(found.width(), found.height(), faces)
                                : RekognitionJson.photoResult(found.width(), found.height(), faces, texts), json,
                        target, faces.size() + " faces" + (text == null ? "" : ", " + texts.size() + " text regions"));
            }
            ProgressListener progress = ConsoleProgress.forFile(input.getFileName().toString(), quiet);
            if (text == null) {
                FaceDetectionResult result = engine.detectFaces(input, progress);
                return written(result, json, target, faceSummary(result));
            }
            VideoText texts = text.forVideo();
            Analysis analysis = engine.analyse(input, progress, losses -> { }, texts);
            List<Track> faces = hide.faces() ? engine.track(analysis) : List.of();
            List<Track> textTracks = HiddenTracks.numberedAfter(faces, engine.track(texts.observations(), analysis.cues()));
            FaceDetectionResult result = RekognitionJson.result(analysis.info(), faces, textTracks, text.every());
            return written(result, json, target, faceSummary(result) + ", " + result.texts().size()
                    + " text sightings, " + textTracks.size() + " texts tracked");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String faceSummary(FaceDetectionResult result) {
        return result.faces().size() + " face sightings, "
                + result.faces().stream().map(f -> f.trackId()).distinct().count() + " faces tracked";
    }

    /** Writes {@code result} to {@code json} (standard output when null) and says what was written. */
    private int written(Object result, AtomicOutput json, Path target, String summary) throws IOException {
        if (json == null) {
            RekognitionJson.mapper().writeValue(System.out, result);
            System.out.println();
            return 0;
        }
        RekognitionJson.write(result, json.temporary());
        json.commit();
        if (!quiet) {
            System.err.println("wrote " + target + " (" + summary + ")");
        }
        return 0;
    }
}
