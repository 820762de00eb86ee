package faceblur.eval;

import faceblur.FaceblurException;
import faceblur.detect.Detection;
import faceblur.detect.DetectorPool;
import faceblur.detect.OrderedDetections;
import faceblur.photo.PhotoDetector;
import faceblur.redact.Shape;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** Runs the face detector over annotated images, several at a time, and scores each against its marked faces. */
public final class ImageEvaluator {

    private final DetectorPool detectors;
    private final Shape shape;
    private final double maskScale;
    private final boolean asPhotos;

    /**
     * Detections are scored as found, and their blur mask is drawn with {@code shape} and {@code maskScale}.
     * {@code asPhotos}: faces are found as {@code faceblur blur} finds them in a photo (the detector's pass and an
     * enlarged one), else as on a video frame (the detector's pass alone).
     */
    public ImageEvaluator(DetectorPool detectors, Shape shape, double maskScale, boolean asPhotos) {
        this.detectors = detectors;
        this.shape = shape;
        this.maskScale = maskScale;
        this.asPhotos = asPhotos;
    }

    private record Sized(AnnotatedImage image, int width, int height) {
    }

    /** Checks that every listed image is there before any detection starts, so a typo fails at once. */
    public static void checkPresent(List<AnnotatedImage> images, Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new FaceblurException(folder + ": no such images folder");
        }
        for (AnnotatedImage image : images) {
            if (!Files.isRegularFile(folder.resolve(image.file()))) {
                throw new FaceblurException(folder.resolve(image.file()) + ": listed in the annotations but not found");
            }
        }
    }

    public EvalReport evaluate(List<AnnotatedImage> images, Path folder) {
        checkPresent(images, folder);
        List<ImageScore> scores = new ArrayList<>(images.size());
        OrderedDetections<Sized> detections = new OrderedDetections<>(detectors,
                (sized, found) -> scores.add(score(sized, found)));
        PhotoDetector photos = new PhotoDetector(detectors);
        for (AnnotatedImage image : images) {
            Path file = folder.resolve(image.file());
            Mat pixels = imread(file.toString());
            if (pixels.empty()) {
                pixels.close();
                throw new FaceblurException(file + ": not a readable image");
            }
            if (asPhotos) {
                // One photo at a time: its passes and tiles already keep every detector busy.
                try (pixels) {
                    scores.add(score(new Sized(image, pixels.cols(), pixels.rows()), photos.detect(pixels)));
                }
                continue;
            }
            // The pool closes the image once detected.
            detections.submit(new Sized(image, pixels.cols(), pixels.rows()), file.toString(), pixels);
        }
        detections.finish();
        return EvalReport.of(scores);
    }

    private ImageScore score(Sized p, List<Detection> detections) {
        try (HiddenArea hidden = new HiddenArea(p.width(), p.height(),
                detections.stream().map(Detection::box).toList(), shape, maskScale)) {
            // WIDER boxes a face cut by the image's edge by its visible part; a detection reaching past the edge
            // (the detector sees a mirrored margin) is compared by its visible part too.
            List<Detection> visible = detections.stream().map(d -> new Detection(
                    d.box().clippedTo(p.width(), p.height()), d.confidence(), d.landmarks())).toList();
            return ImageScore.match(p.image().faces(), visible, hidden::share);
        }
    }
}
