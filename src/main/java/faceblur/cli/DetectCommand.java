package faceblur.cli;

import faceblur.engine.AtomicOutput;
import faceblur.engine.FaceBlur;
import faceblur.photo.PhotoBlur;
import faceblur.photo.PhotoFaces;
import faceblur.photo.PhotoFormat;
import faceblur.rekognition.FaceDetectionResult;
import faceblur.rekognition.RekognitionJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "detect",
        mixinStandardHelpOptions = true,
        header = "Find the faces in a video or photo and write them as Rekognition JSON.",
        description = {
                "The same detection and tracking as 'faceblur blur', written as the response of Amazon Rekognition "
                        + "Video's GetFaceDetection: JobStatus, VideoMetadata, and Faces sorted by Timestamp (ms), "
                        + "with BoundingBox and Landmarks as ratios of the frame and Confidence 0-100. Each face "
                        + "also carries TrackId, the same number on every sighting of the same face.",
                "A photo (.jpg, .jpeg, .png, .webp) gets the image API's DetectFaces shape instead: FaceDetails, "
                        + "each with BoundingBox, Landmarks (ratios of the upright picture) and Confidence; found "
                        + "as 'faceblur blur' finds them (see its help).",
                "",
                "Examples:",
                "  faceblur detect in.mp4                 -> in.faces.json",
                "  faceblur detect in.mp4 -o - | jq '.Faces | length'",
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

    @Override
    public Integer call() throws IOException {
        boolean toStdout = output != null && output.toString().equals("-");
        Path target = output != null ? output
                : input.toAbsolutePath().resolveSibling(InputFiles.stem(input) + ".faces.json");
        try (FaceBlur engine = detection.engine(tracking);
             AtomicOutput json = toStdout ? null : AtomicOutput.create(target, overwrite)) {
            if (PhotoFormat.isPhotoName(input)) {
                PhotoFaces faces = engine.photos().detect(input, PhotoBlur.formatOf(input));
                return written(RekognitionJson.photoResult(faces.width(), faces.height(), faces.faces()), json,
                        target, faces.faces().size() + " faces");
            }
            FaceDetectionResult result = engine.detectFaces(input,
                    ConsoleProgress.forFile(input.getFileName().toString(), quiet));
            return written(result, json, target, result.faces().size() + " face sightings, "
                    + result.faces().stream().map(f -> f.trackId()).distinct().count() + " faces tracked");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
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
