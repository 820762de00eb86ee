package faceblur.redact;

import faceblur.detect.Box;
import faceblur.video.Plane;
import faceblur.video.Rgb;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.List;
import java.util.function.Function;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

/**
 * The {@link Style#OUTLINE} style: hides nothing, draws where each mask would go, labelled with its track and the
 * detector's score on that frame, to see what the engine found and choose a threshold. Green where the detector saw
 * the face on this very frame, yellow where the tracker carries it (between sightings, or held before and after).
 */
public final class Outliner {

    /** One mask to outline: the face box (before mask scaling) and its label. */
    public record Outline(Box face, String label, boolean seen) {
    }

    private static final Rgb SEEN = new Rgb(0, 255, 0);
    private static final Rgb CARRIED = new Rgb(255, 220, 0);

    private final RedactionSettings settings;

    public Outliner(RedactionSettings settings) {
        this.settings = settings;
    }

    /** Draws every outline into one plane of a YUV picture; boxes are in pixels of the full picture. */
    public void draw(Plane plane, List<Outline> outlines, int pictureHeight) {
        draw(plane.pixels(), plane.scale(), pictureHeight, outlines, c -> Scalar.all(plane.value(c)));
    }

    /** Draws every outline into a BGR picture (a photo). */
    public void draw(Mat bgr, List<Outline> outlines) {
        draw(bgr, 1.0, bgr.rows(), outlines, c -> new Scalar(c.blue(), c.green(), c.red(), 0));
    }

    private void draw(Mat image, double s, int pictureHeight, List<Outline> outlines, Function<Rgb, Scalar> paint) {
        // Lines and letters scale with the picture, so a 4K debug video reads like a 480p one.
        int thickness = Math.max(1, (int) Math.round(pictureHeight / 360.0 * s));
        double fontScale = Math.max(0.4, pictureHeight / 900.0) * s;
        for (Outline o : outlines) {
            Box mask = o.face().scaledAboutCenter(settings.maskScale()).times(s);
            try (Scalar colour = paint.apply(o.seen() ? SEEN : CARRIED)) {
                if (settings.shape() == Shape.ELLIPSE) {
                    try (Point centre = new Point((int) Math.round(mask.centerX()), (int) Math.round(mask.centerY()));
                         Size axes = new Size((int) Math.round(mask.width() / 2), (int) Math.round(mask.height() / 2))) {
                        ellipse(image, centre, axes, 0, 0, 360, colour, thickness, LINE_8, 0);
                    }
                } else {
                    try (Point from = new Point((int) Math.round(mask.x()), (int) Math.round(mask.y()));
                         Point to = new Point((int) Math.round(mask.right()), (int) Math.round(mask.bottom()))) {
                        rectangle(image, from, to, colour, thickness, LINE_8, 0);
                    }
                }
                // Above the mask, or inside it when the mask touches the top of the picture.
                int baseline = (int) Math.round(mask.y() - 3 * s);
                if (baseline < 12 * fontScale) {
                    baseline = (int) Math.round(mask.y() + 16 * fontScale);
                }
                try (Point at = new Point((int) Math.round(mask.x()), baseline)) {
                    putText(image, o.label(), at, FONT_HERSHEY_SIMPLEX, fontScale, colour, thickness, LINE_8, false);
                }
            }
        }
    }
}
