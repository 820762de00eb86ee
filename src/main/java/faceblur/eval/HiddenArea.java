package faceblur.eval;

import faceblur.detect.Box;
import faceblur.redact.PixelArea;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Redactor;
import faceblur.redact.Shape;
import faceblur.redact.Style;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;

/**
 * The pixels of an image that faceblur would hide for a set of face boxes. It is drawn by the {@link Redactor}
 * itself (filling a white mask with black), so it is exactly the rendered area, rounding included.
 */
public final class HiddenArea implements AutoCloseable {

    private final Mat visible;

    public HiddenArea(int width, int height, List<Box> faces, Shape shape, double maskScale) {
        visible = new Mat(height, width, CV_8UC1, Scalar.all(255));
        new Redactor(new RedactionSettings(Style.FILL, shape, maskScale)).apply(visible, faces);
    }

    /** The share of {@code face}'s pixels in the image that are hidden, 0 to 1. */
    public double share(Box face) {
        PixelArea a = PixelArea.of(face, visible.cols(), visible.rows());
        if (a == null) {
            return 1; // Wholly outside the image: nothing of it can be seen.
        }
        try (Rect r = new Rect(a.x(), a.y(), a.width(), a.height()); Mat part = new Mat(visible, r)) {
            return 1 - countNonZero(part) / (double) a.area();
        }
    }

    @Override
    public void close() {
        visible.close();
    }
}
