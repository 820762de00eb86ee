package faceblur.eval;

import faceblur.detect.Box;
import faceblur.detect.Detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How the detections in one image compare with its marked faces.
 *
 * @param detections every detection with its verdict
 * @param faces      the valid marked faces (invalid ones are left out: they count neither way)
 */
public record ImageScore(List<ScoredDetection> detections, List<ScoredFace> faces) {

    /** A detection overlapping a face at least this much (intersection over union) found it. */
    public static final double MIN_IOU = 0.5;

    public enum Verdict {
        TRUE_POSITIVE,
        FALSE_POSITIVE,
        /** On a face marked invalid: neither right nor wrong. */
        IGNORED
    }

    /** @param height the detection's own box height, which decides its size bucket for precision */
    public record ScoredDetection(double confidence, double height, Verdict verdict) {
    }

    /** @param coverage the share of the face's pixels the blur would hide, 0 to 1 */
    public record ScoredFace(double height, boolean found, double coverage) {
    }

    public ImageScore {
        detections = List.copyOf(detections);
        faces = List.copyOf(faces);
    }

    /**
     * Greedy one-to-one matching, most confident detection first: each takes the free valid face it overlaps
     * most (IoU at least {@link #MIN_IOU}). One that finds none but lies on an invalid face is ignored; invalid
     * faces are not used up, as they often mark a crowd or a blur where several detections are fair.
     *
     * @param coverage the share of a face box that the blur hides
     */
    public static ImageScore match(List<GroundTruthFace> truth, List<Detection> detections,
                                   ToDoubleFunction<Box> coverage) {
        List<Detection> byConfidence = new ArrayList<>(detections);
        byConfidence.sort(Comparator.comparingDouble(Detection::confidence).reversed());
        boolean[] found = new boolean[truth.size()];
        List<ScoredDetection> scored = new ArrayList<>(detections.size());
        for (Detection d : byConfidence) {
            int best = -1;
            double bestIou = 0;
            boolean onInvalid = false;
            for (int i = 0; i < truth.size(); i++) {
                GroundTruthFace face = truth.get(i);
                double iou = face.box().iou(d.box());
                if (iou < MIN_IOU) {
                    continue;
                }
                if (face.invalid()) {
                    onInvalid = true;
                } else if (!found[i] && iou > bestIou) {
                    best = i;
                    bestIou = iou;
                }
            }
            if (best >= 0) {
                found[best] = true;
            }
            Verdict verdict = best >= 0 ? Verdict.TRUE_POSITIVE : onInvalid ? Verdict.IGNORED : Verdict.FALSE_POSITIVE;
            scored.add(new ScoredDetection(d.confidence(), d.box().height(), verdict));
        }
        List<ScoredFace> faces = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            Box box = truth.get(i).box();
            if (!truth.get(i).invalid()) {
                faces.add(new ScoredFace(box.height(), found[i], coverage.applyAsDouble(box)));
            }
        }
        return new ImageScore(scored, faces);
    }
}
