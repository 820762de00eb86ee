package faceblur.eval;

import faceblur.detect.Box;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.ALGO_HINT_DEFAULT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_imgproc.blur;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * The per-pixel measures of {@link RedactionRule} for one pair of frames (original, redacted), and the rule
 * applied to face boxes (cell by cell) and to the rest of the picture (pixel by pixel, over a window); also
 * the fine detail of both frames that {@link DetailCorrelation} compares.
 * Reused from frame to frame: its buffers are allocated once per frame size.
 */
final class PixelChange implements AutoCloseable {

    /** The whole pixels a box touches within the frame: [x0, x1) x [y0, y1). */
    record Area(int x0, int y0, int x1, int y1) {
        boolean isEmpty() {
            return x1 <= x0 || y1 <= y0;
        }
    }

    private final RedactionRule rule;
    private final DetailCorrelation correlation;
    private final Mat gray = new Mat();
    private final Mat in = new Mat();
    private final Mat out = new Mat();
    private final Mat difference = new Mat();
    private final Mat gx = new Mat();
    private final Mat gy = new Mat();
    private final Mat map = new Mat();
    private final Mat local = new Mat();
    private final Mat smooth = new Mat();
    private final Size window;
    private final Size automatic = new Size(0, 0);
    private int width;
    private int height;
    // Per pixel: the three measures, and their means over the window around each pixel.
    private float[] detail = new float[0];
    private float[] lost = new float[0];
    private float[] diff = new float[0];
    private float[] detailNear = new float[0];
    private float[] lostNear = new float[0];
    private float[] diffNear = new float[0];
    private boolean[] face = new boolean[0];
    // Per pixel: the fine detail (luma minus its Gaussian blur) of the original and of the redacted frame.
    private float[] fineIn = new float[0];
    private float[] fineOut = new float[0];

    PixelChange(RedactionRule rule, DetailCorrelation correlation) {
        this.rule = rule;
        this.correlation = correlation;
        this.window = new Size(rule.window(), rule.window());
    }

    /** Measures a frame pair: two BGR images of the same size. */
    void measure(Mat original, Mat redacted) {
        width = original.cols();
        height = original.rows();
        if (detail.length != width * height) {
            detail = new float[width * height];
            lost = new float[detail.length];
            diff = new float[detail.length];
            detailNear = new float[detail.length];
            lostNear = new float[detail.length];
            diffNear = new float[detail.length];
            face = new boolean[detail.length];
            fineIn = new float[detail.length];
            fineOut = new float[detail.length];
        }
        cvtColor(original, gray, COLOR_BGR2GRAY);
        gray.convertTo(in, CV_32F);
        cvtColor(redacted, gray, COLOR_BGR2GRAY);
        gray.convertTo(out, CV_32F);
        subtract(in, out, difference);

        gradientEnergy(in, map);
        store(map, detail, detailNear);
        gradientEnergy(difference, map);
        store(map, lost, lostNear);
        absdiff(in, out, map);
        store(map, diff, diffNear);
        fineDetail(in, fineIn);
        fineDetail(out, fineOut);
    }

    private void fineDetail(Mat image, float[] perPixel) {
        GaussianBlur(image, smooth, automatic, correlation.sigma(), correlation.sigma(), BORDER_REPLICATE, ALGO_HINT_DEFAULT);
        subtract(image, smooth, map);
        ((FloatBuffer) map.createBuffer()).get(perPixel);
    }

    private void gradientEnergy(Mat image, Mat energy) {
        Sobel(image, gx, CV_32F, 1, 0, 3, 1 / 8.0, 0, BORDER_REPLICATE);
        Sobel(image, gy, CV_32F, 0, 1, 3, 1 / 8.0, 0, BORDER_REPLICATE);
        multiply(gx, gx, gx);
        multiply(gy, gy, gy);
        add(gx, gy, energy);
    }

    private void store(Mat values, float[] perPixel, float[] windowMeans) {
        ((FloatBuffer) values.createBuffer()).get(perPixel);
        blur(values, local, window);
        ((FloatBuffer) local.createBuffer()).get(windowMeans);
    }

    /**
     * Of a face box's cells: how many had detail in the original ({@code detailed}; none means the box is
     * featureless, decided from the original alone so that no redaction can make a face featureless), how many
     * could be judged (had detail, or changed outright) and how many of those changed.
     */
    record CellVotes(int detailed, int judged, int changed) {
        /** The share of judged cells that changed; 0 when none could be judged: no redaction is credited unseen. */
        double changedShare() {
            return judged == 0 ? 0 : (double) changed / judged;
        }
    }

    /** The votes of the cells of the part of a face box inside the frame; null when none of it is. */
    CellVotes vote(Box box) {
        Area a = area(box);
        if (a.isEmpty()) {
            return null;
        }
        int across = Math.min(rule.cells(), a.x1 - a.x0);
        int down = Math.min(rule.cells(), a.y1 - a.y0);
        int changed = 0;
        int judged = 0;
        int detailed = 0;
        for (int j = 0; j < down; j++) {
            for (int i = 0; i < across; i++) {
                Area cell = new Area(a.x0 + i * (a.x1 - a.x0) / across, a.y0 + j * (a.y1 - a.y0) / down,
                        a.x0 + (i + 1) * (a.x1 - a.x0) / across, a.y0 + (j + 1) * (a.y1 - a.y0) / down);
                double[] m = means(cell);
                RedactionRule.Verdict v = rule.judge(m[0], m[1], m[2]);
                detailed += rule.hasDetail(m[0]) ? 1 : 0;
                judged += v == RedactionRule.Verdict.FEATURELESS ? 0 : 1;
                changed += v == RedactionRule.Verdict.CHANGED ? 1 : 0;
            }
        }
        return new CellVotes(detailed, judged, changed);
    }

    /**
     * The normalised (Pearson) correlation of the fine detail of the original and of the redacted frame over
     * the part of a box inside the frame: near 1 where the redacted frame kept the original's detail, near 0
     * where it lost it or replaced it with its own (block edges); 0 where either has no detail at all.
     */
    double detailCorrelation(Box box) {
        Area a = area(box);
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int y = a.y0; y < a.y1; y++) {
            for (int x = a.x0, p = y * width + x; x < a.x1; x++, p++) {
                double u = fineIn[p];
                double v = fineOut[p];
                sa += u;
                sb += v;
                saa += u * u;
                sbb += v * v;
                sab += u * v;
            }
        }
        double n = (double) (a.x1 - a.x0) * (a.y1 - a.y0);
        double varA = saa - sa * sa / n;
        double varB = sbb - sb * sb / n;
        // A fill leaves no detail (varB 0): nothing of the original is there to correlate with.
        return n == 0 || varA <= 1e-9 || varB <= 1e-9 ? 0 : (sab - sa * sb / n) / Math.sqrt(varA * varB);
    }

    /** The means of detail, lost and diff over an area inside the frame. */
    double[] means(Area cell) {
        double sumDetail = 0;
        double sumLost = 0;
        double sumDiff = 0;
        for (int y = cell.y0; y < cell.y1; y++) {
            for (int x = cell.x0, p = y * width + x; x < cell.x1; x++, p++) {
                sumDetail += detail[p];
                sumLost += lost[p];
                sumDiff += diff[p];
            }
        }
        double n = (double) (cell.x1 - cell.x0) * (cell.y1 - cell.y0);
        return new double[]{sumDetail / n, sumLost / n, sumDiff / n};
    }

    /** The share of the pixels outside every face box that changed, each judged over its window; NaN if none. */
    double changedShareOutside(List<Box> faces) {
        Arrays.fill(face, false);
        for (Box box : faces) {
            Area a = area(box);
            for (int y = a.y0; y < a.y1; y++) {
                Arrays.fill(face, y * width + a.x0, y * width + a.x1, true);
            }
        }
        long outside = 0;
        long changed = 0;
        for (int p = 0; p < face.length; p++) {
            if (!face[p]) {
                outside++;
                if (rule.judge(detailNear[p], lostNear[p], diffNear[p]) == RedactionRule.Verdict.CHANGED) {
                    changed++;
                }
            }
        }
        return outside == 0 ? Double.NaN : (double) changed / outside;
    }

    private Area area(Box box) {
        Box c = box.clippedTo(width, height);
        return new Area((int) Math.floor(c.x()), (int) Math.floor(c.y()),
                (int) Math.ceil(c.right()), (int) Math.ceil(c.bottom()));
    }

    @Override
    public void close() {
        for (Mat m : List.of(gray, in, out, difference, gx, gy, map, local, smooth)) {
            m.close();
        }
        window.close();
        automatic.close();
    }
}
