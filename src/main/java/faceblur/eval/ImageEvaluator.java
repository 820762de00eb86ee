package faceblur.eval;

import faceblur.FaceblurException;
import faceblur.detect.Detection;
import faceblur.detect.DetectorPool;
import faceblur.redact.Shape;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** Runs the face detector over annotated images, several at a time, and scores each against its marked faces. */
public final class ImageEvaluator {

    private final DetectorPool detectors;
    private final Shape shape;
    private final double maskScale;

    /** Detections are scored as found, and their blur mask is drawn with {@code shape} and {@code maskScale}. */
    public ImageEvaluator(DetectorPool detectors, Shape shape, double maskScale) {
        this.detectors = detectors;
        this.shape = shape;
        this.maskScale = maskScale;
    }

    private record Pending(AnnotatedImage image, int width, int height, Future<List<Detection>> detections) {
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
        // A few images in flight per detector keeps every core busy while bounding memory.
        int maxInFlight = 2 * detectors.size();
        Deque<Pending> inFlight = new ArrayDeque<>();
        for (AnnotatedImage image : images) {
            if (inFlight.size() >= maxInFlight) {
                scores.add(score(inFlight.removeFirst()));
            }
            Path file = folder.resolve(image.file());
            Mat pixels = imread(file.toString());
            if (pixels.empty()) {
                pixels.close();
                throw new FaceblurException(file + ": not a readable image");
            }
            // The pool closes the image once detected.
            inFlight.addLast(new Pending(image, pixels.cols(), pixels.rows(), detectors.submit(pixels)));
        }
        while (!inFlight.isEmpty()) {
            scores.add(score(inFlight.removeFirst()));
        }
        return EvalReport.of(scores);
    }

    private ImageScore score(Pending p) {
        List<Detection> detections = await(p);
        try (HiddenArea hidden = new HiddenArea(p.width(), p.height(),
                detections.stream().map(Detection::box).toList(), shape, maskScale)) {
            return ImageScore.match(p.image().faces(), detections, hidden::share);
        }
    }

    private static List<Detection> await(Pending p) {
        try {
            return p.detections().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceblurException(p.image().file() + ": interrupted");
        } catch (ExecutionException e) {
            throw new FaceblurException(p.image().file() + ": face detection failed (" + e.getCause() + ")", e.getCause());
        }
    }
}
