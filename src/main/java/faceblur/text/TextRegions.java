package faceblur.text;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * The DB head's post-processing: the probability map thresholded, its connected regions, the box of each
 * region padded outwards, since the network was trained to mark only the text's core, shrunk by about 0.4 of
 * the text's height on each side. Weak and tiny regions are dropped, and pieces of one line of text are
 * joined into one box.
 */
public final class TextRegions {

    /**
     * DB's unclip ratio: a region of area A and perimeter L grows by A x ratio / L on each side. PaddleOCR uses
     * 1.5; the core was shrunk by A x (1 - 0.4²) / L = 0.84 A / L in training, so this covers the whole text and
     * a little margin.
     */
    static final double UNCLIP_RATIO = 1.5;
    /** Regions narrower or lower than this, in map pixels, are noise (PaddleOCR's min_size). */
    static final int MIN_SIDE = 3;
    /**
     * Two boxes are pieces of one line when they share at least this share of the lower one's height, and the
     * gap between them is at most {@link #LINE_GAP} times the taller one's height. A plate's country letter and
     * its number (plates-eu eu1) come as two pieces with a gap of 0.7 of the number's height; their two masks
     * left the plate between them showing. Chosen on every other photo of bench/plates: a gap of 0.5 joined
     * nothing there, 1.0 joined eu1's plate (bench/results/plates.md).
     */
    static final double LINE_OVERLAP = 0.5;
    static final double LINE_GAP = 1.0;

    private TextRegions() {
    }

    /**
     * The text boxes of a {@code width x height} probability map (row-major), in map pixels, each scored by
     * the mean probability over its region.
     */
    public static List<Detection> find(float[] map, int width, int height, double pixelThreshold, double boxThreshold) {
        try (FloatPointer data = new FloatPointer(map);
             Mat probability = new Mat(height, width, CV_32F, data);
             Mat binary = new Mat();
             Mat mask = new Mat();
             Mat labels = new Mat();
             Mat stats = new Mat();
             Mat centroids = new Mat()) {
            // THRESH_BINARY keeps values above the threshold: just below it, so that "at or above" is text.
            threshold(probability, binary, Math.nextDown(pixelThreshold), 255, THRESH_BINARY);
            binary.convertTo(mask, CV_8U);
            int count = connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
            if (count <= 1) {
                return List.of();
            }
            double[] sums = new double[count];
            IntBuffer label = labels.createBuffer();
            for (int i = 0; i < map.length; i++) {
                sums[label.get(i)] += map[i];
            }
            IntBuffer stat = stats.createBuffer();
            int columns = stats.cols();
            List<Detection> found = new ArrayList<>();
            for (int k = 1; k < count; k++) {
                int x = stat.get(k * columns);
                int y = stat.get(k * columns + 1);
                int w = stat.get(k * columns + 2);
                int h = stat.get(k * columns + 3);
                int area = stat.get(k * columns + 4);
                double score = sums[k] / area;
                if (Math.min(w, h) < MIN_SIDE || score < boxThreshold) {
                    continue;
                }
                found.add(new Detection(unclipped(new Box(x, y, w, h)), score, List.of()));
            }
            return joinedIntoLines(found);
        }
    }

    /**
     * Pieces of one line joined, again and again until no two are pieces of one line: each join the box around
     * both, scored as the stronger piece (it is text if either is).
     */
    static List<Detection> joinedIntoLines(List<Detection> boxes) {
        List<Detection> lines = new ArrayList<>(boxes);
        boolean joined = true;
        while (joined) {
            joined = false;
            for (int i = 0; i < lines.size() && !joined; i++) {
                for (int j = i + 1; j < lines.size() && !joined; j++) {
                    Detection a = lines.get(i);
                    Detection b = lines.get(j);
                    if (oneLine(a.box(), b.box())) {
                        lines.set(i, new Detection(a.box().union(b.box()), Math.max(a.confidence(), b.confidence()),
                                List.of()));
                        lines.remove(j);
                        joined = true;
                    }
                }
            }
        }
        return lines;
    }

    /** Whether two boxes side by side are pieces of one line of text (see {@link #LINE_OVERLAP}). */
    static boolean oneLine(Box a, Box b) {
        double overlap = Math.min(a.bottom(), b.bottom()) - Math.max(a.y(), b.y());
        double gap = Math.max(a.x(), b.x()) - Math.min(a.right(), b.right());
        return overlap >= LINE_OVERLAP * Math.min(a.height(), b.height())
                && gap <= LINE_GAP * Math.max(a.height(), b.height());
    }

    /** The box grown on every side by DB's unclip distance for a rectangle of its size. */
    static Box unclipped(Box core) {
        double d = core.area() * UNCLIP_RATIO / (2 * (core.width() + core.height()));
        return new Box(core.x() - d, core.y() - d, core.width() + 2 * d, core.height() + 2 * d);
    }
}
