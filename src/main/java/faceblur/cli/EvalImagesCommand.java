package faceblur.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import faceblur.FaceblurException;
import faceblur.detect.DetectorPool;
import faceblur.detect.DetectorSettings;
import faceblur.eval.AnnotatedImage;
import faceblur.eval.EvalReport;
import faceblur.eval.ImageEvaluator;
import faceblur.eval.ImageScore;
import faceblur.eval.WiderFaceAnnotations;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Shape;
import faceblur.redact.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "images",
        mixinStandardHelpOptions = true,
        header = "Measure face detection and blur coverage on annotated photos (WIDER FACE format).",
        description = {
                "Runs the same detector as 'faceblur blur' (same --threshold, --upscale, --model) on every image "
                        + "listed in the annotation file, and prints by face height (<16, 16-24, 24-32, 32-64, "
                        + "64-128, >=128 px):",
                "- recall: the share of marked faces found, that is overlapped by a detection with IoU >= 0.5 "
                        + "(one detection per face, most confident first);",
                "- precision: the share of detections that found a face, each counted by its own height;",
                "- coverage: the mean share of each face's pixels that the blur would hide (--shape, "
                        + "--mask-scale), and the share of faces at least 90%% hidden;",
                "and the average precision (AP, the area under the precision-recall curve) over all sizes. "
                        + "Faces marked invalid count neither way. AP counts only detections above --threshold: "
                        + "use --threshold 0.02 to compare it with published figures.",
                "",
                "Example (WIDER FACE validation set):",
                "  faceblur eval images --gt wider_face_val_bbx_gt.txt --images images \\",
                "      --json eval.json",
                ""},
        footer = {"", "Exit status: 0 measured; 2 a file is missing or unreadable (it is named)."})
final class EvalImagesCommand implements Callable<Integer> {

    @Option(names = "--gt", paramLabel = "FILE", required = true,
            description = "The ground truth, WIDER FACE's wider_face_*_bbx_gt.txt format.")
    Path groundTruth;

    @Option(names = "--images", paramLabel = "DIR", required = true,
            description = "The folder the annotation file's image paths are relative to.")
    Path images;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the settings and every number as JSON (replaced if it exists).")
    Path json;

    @Option(names = "--photo",
            description = "Find faces as 'faceblur blur' does in photos: the detector's pass plus one over the "
                    + "picture enlarged 2x, merged. Without it, as on a video frame (the detector's pass alone).")
    boolean asPhotos;

    @Mixin
    DetectorOptions detector = new DetectorOptions();

    @Mixin
    MaskOptions mask = new MaskOptions();

    /** What the JSON file holds: how it was measured, then the numbers. */
    record Result(String groundTruth, String images, double minIou, DetectorSettings detector, boolean photo, Shape shape,
                  double maskScale, double seconds, EvalReport report) {
    }

    @Override
    public Integer call() {
        // Checked here so that a bad option fails before the images are read.
        RedactionSettings masking = new RedactionSettings(Style.FILL, mask.shape, mask.maskScale);
        List<AnnotatedImage> annotated = WiderFaceAnnotations.read(groundTruth);
        ImageEvaluator.checkPresent(annotated, images);
        long start = System.nanoTime();
        EvalReport report;
        try (DetectorPool pool = detector.pool()) {
            report = new ImageEvaluator(pool, masking.shape(), masking.maskScale(), asPhotos).evaluate(annotated, images);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.print(report.table());
        if (json != null) {
            Result result = new Result(groundTruth.toString(), images.toString(), ImageScore.MIN_IOU,
                    detector.settings(), asPhotos, masking.shape(), masking.maskScale(), seconds, report);
            try {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
            } catch (IOException e) {
                throw new FaceblurException(json + ": cannot write (" + e.getMessage() + ")", e);
            }
        }
        System.err.printf("scored %d images in %.1f s%n", report.images(), seconds);
        return 0;
    }
}
