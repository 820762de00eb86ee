package faceblur.detect;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns YuNet's raw outputs into face detections.
 *
 * <p>For each stride (8, 16, 32) the network gives, per grid cell, a class score, an objectness score, a box
 * (centre offset in cells, log of size in cells) and five landmarks (offsets in cells). The score is the
 * geometric mean of class and objectness, as in OpenCV's FaceDetectorYN.
 */
public final class YuNetDecoder {

    static final int[] STRIDES = {8, 16, 32};

    /** The four outputs of one stride, each laid out cell by cell, row-major. */
    public record StrideOutputs(int stride, FloatBuffer cls, FloatBuffer obj, FloatBuffer bbox, FloatBuffer kps) {
    }

    private YuNetDecoder() {
    }

    /** Candidates above {@code threshold}, before non-maximum suppression, in input-image pixels. */
    public static List<Detection> candidates(List<StrideOutputs> outputs, int inputWidth, int inputHeight,
                                             double threshold) {
        List<Detection> found = new ArrayList<>();
        for (StrideOutputs out : outputs) {
            int s = out.stride();
            int cols = inputWidth / s;
            int rows = inputHeight / s;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    double score = Math.sqrt(clamp01(out.cls().get(i)) * clamp01(out.obj().get(i)));
                    if (score < threshold) {
                        continue;
                    }
                    double cx = (c + out.bbox().get(4 * i)) * s;
                    double cy = (r + out.bbox().get(4 * i + 1)) * s;
                    double w = Math.exp(out.bbox().get(4 * i + 2)) * s;
                    double h = Math.exp(out.bbox().get(4 * i + 3)) * s;
                    List<Point> landmarks = new ArrayList<>(5);
                    for (int k = 0; k < 5; k++) {
                        landmarks.add(new Point((out.kps().get(10 * i + 2 * k) + c) * s,
                                (out.kps().get(10 * i + 2 * k + 1) + r) * s));
                    }
                    found.add(new Detection(new Box(cx - w / 2, cy - h / 2, w, h), score, landmarks));
                }
            }
        }
        return found;
    }

    /** Greedy non-maximum suppression: keeps the best of each group overlapping above {@code maxIou}. */
    public static List<Detection> nonMaximumSuppression(List<Detection> candidates, double maxIou) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::confidence).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean overlaps = false;
            for (Detection k : kept) {
                if (k.box().iou(d.box()) > maxIou) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(d);
            }
        }
        return kept;
    }

    private static double clamp01(float v) {
        return Math.min(1, Math.max(0, v));
    }
}
