package faceblur.redact;

import faceblur.detect.Box;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Hides faces in a picture in place: a BGR image, or each plane of a YUV one. Each face box is enlarged by the mask scale, clipped to the frame
 * (a face half out of the picture is hidden up to the edge), and replaced by its blurred, pixelated or
 * filled self inside an ellipse or the whole box.
 */
public final class Redactor {

    /** Blur keeps about this many cells of colour across the mask: too few to recognise anyone. */
    static final int BLUR_CELLS = 8;
    /** The blur grid is smoothed at this many pixels per cell before it is enlarged to the face's size. */
    private static final int SMOOTH_FACTOR = 4;
    /** Pixelation uses about this many blocks across the mask. */
    static final int PIXEL_BLOCKS = 10;

    private final RedactionSettings settings;

    public Redactor(RedactionSettings settings) {
        this.settings = settings;
    }

    /** Hides every face in a BGR frame; boxes are face boxes in the frame's pixels, before mask scaling. */
    public void apply(Mat frame, List<Box> faces) {
        apply(frame, faces, 1.0, 0);
    }

    /**
     * Hides every face in one image or one plane of a YUV picture.
     *
     * @param image the pixels, edited in place
     * @param faces face boxes in pixels of the full picture, before mask scaling
     * @param scale the image's size relative to the full picture (0.5 for subsampled chroma)
     * @param black the value of black in this image, for {@link Style#FILL}
     */
    public void apply(Mat image, List<Box> faces, double scale, double black) {
        for (Box face : faces) {
            Box mask = face.scaledAboutCenter(settings.maskScale()).times(scale);
            Rect area = pixelRect(mask, image.cols(), image.rows());
            if (area != null) {
                hide(image, mask, area, black);
            }
        }
    }

    /** The whole pixels a box touches within the frame, or null when it lies outside. */
    public static Rect pixelRect(Box box, int frameWidth, int frameHeight) {
        int x0 = (int) Math.max(0, Math.floor(box.x()));
        int y0 = (int) Math.max(0, Math.floor(box.y()));
        int x1 = (int) Math.min(frameWidth, Math.ceil(box.right()));
        int y1 = (int) Math.min(frameHeight, Math.ceil(box.bottom()));
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    private void hide(Mat frame, Box mask, Rect area, double black) {
        try (Mat roi = new Mat(frame, area); Mat hidden = hiddenVersion(roi, mask, black)) {
            if (settings.shape() == Shape.BOX) {
                hidden.copyTo(roi);
                return;
            }
            try (Mat stencil = new Mat(area.height(), area.width(), CV_8UC1, Scalar.all(0))) {
                // The ellipse of the whole (unclipped) box, drawn relative to the visible part.
                Point center = new Point((int) Math.round(mask.centerX() - area.x()),
                        (int) Math.round(mask.centerY() - area.y()));
                Size axes = new Size((int) Math.ceil(mask.width() / 2), (int) Math.ceil(mask.height() / 2));
                ellipse(stencil, center, axes, 0, 0, 360, Scalar.all(255), FILLED, LINE_8, 0);
                hidden.copyTo(roi, stencil);
            }
        }
    }

    private Mat hiddenVersion(Mat roi, Box mask, double black) {
        if (settings.style() == Style.FILL) {
            return new Mat(roi.rows(), roi.cols(), roi.type(), Scalar.all(black));
        }
        Mat out = new Mat();
        switch (settings.style()) {
            case FILL -> throw new AssertionError("handled above");
            case PIXELATE -> {
                try (Mat small = new Mat()) {
                    resize(roi, small, cells(roi, mask, PIXEL_BLOCKS), 0, 0, INTER_AREA);
                    resize(small, out, roi.size(), 0, 0, INTER_NEAREST);
                }
            }
            case BLUR -> {
                // Shrink to a few cells, smooth at a small size (cheap whatever the face size), enlarge.
                Size grid = cells(roi, mask, BLUR_CELLS);
                try (Mat small = new Mat(); Mat smooth = new Mat()) {
                    resize(roi, small, grid, 0, 0, INTER_AREA);
                    resize(small, smooth, new Size(grid.width() * SMOOTH_FACTOR, grid.height() * SMOOTH_FACTOR),
                            0, 0, INTER_LINEAR);
                    GaussianBlur(smooth, smooth, new Size(0, 0), SMOOTH_FACTOR / 2.0);
                    resize(smooth, out, roi.size(), 0, 0, INTER_LINEAR);
                }
            }
        }
        return out;
    }

    /** The reduced size with about {@code across} cells over the longer side of the whole mask. */
    private static Size cells(Mat roi, Box mask, int across) {
        double cell = Math.max(1, Math.max(mask.width(), mask.height()) / across);
        return new Size(Math.max(1, (int) Math.round(roi.cols() / cell)), Math.max(1, (int) Math.round(roi.rows() / cell)));
    }
}
