package faceblur.cli;

import faceblur.engine.AtomicOutput;
import faceblur.engine.FaceBlur;
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
        header = "Find the faces in a video and write them as Rekognition GetFaceDetection JSON.",
        description = {
                "The same detection and tracking as 'faceblur blur', written as the response of Amazon Rekognition "
                        + "Video's GetFaceDetection: JobStatus, VideoMetadata, and Faces sorted by Timestamp (ms), "
                        + "with BoundingBox and Landmarks as ratios of the frame and Confidence 0-100. Each face "
                        + "also carries TrackId, the same number on every sighting of the same face.",
                "",
                "Examples:",
                "  faceblur detect in.mp4                 -> in.faces.json",
                "  faceblur detect in.mp4 -o - | jq '.Faces | length'",
                ""})
final class DetectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INPUT", description = "The video file.")
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
            FaceDetectionResult result = engine.detectFaces(input,
                    ConsoleProgress.forFile(input.getFileName().toString(), quiet));
            if (toStdout) {
                RekognitionJson.mapper().writeValue(System.out, result);
                System.out.println();
                return 0;
            }
            RekognitionJson.write(result, json.temporary());
            json.commit();
            if (!quiet) {
                System.err.println("wrote " + target + " (" + result.faces().size() + " face sightings, "
                        + result.faces().stream().map(f -> f.trackId()).distinct().count() + " faces tracked)");
            }
            return 0;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
