package faceblur.eval;

import faceblur.FaceblurException;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures the leak rate of a redacted video against ground truth: decodes the original and the redacted
 * video in lockstep and judges every ground-truth face on every frame from the pixels of both, never from
 * what faceblur detected.
 */
public final class LeakEvaluation {

    private LeakEvaluation() {
    }

    public static LeakReport run(Path original, Path redacted, MotGroundTruth truth, RedactionRule rule) {
        return run(original, redacted, truth, rule, DetailCorrelation.DEFAULT);
    }

    /** Judges every face by {@code rule} and, in the same pass, by the independent {@code check}. */
    public static LeakReport run(Path original, Path redacted, MotGroundTruth truth, RedactionRule rule,
                                 DetailCorrelation check) {
        Map<Integer, List<MotGroundTruth.Face>> byFrame = truth.byFrame();
        List<LeakReport.FaceFrame> judged = new ArrayList<>();
        double outsideSum = 0;
        int outsideFrames = 0;
        int boxesOutside = 0;
        try (VideoReader a = VideoReader.open(original);
             VideoReader b = VideoReader.open(redacted);
             PixelChange change = new PixelChange(rule, check)) {
            if (a.info().width() != b.info().width() || a.info().height() != b.info().height()) {
                throw new FaceblurException(redacted + ": is " + b.info().width() + "x" + b.info().height()
                        + " but " + original + " is " + a.info().width() + "x" + a.info().height());
            }
            for (DecodedFrame fa = a.next(), fb = b.next(); fa != null || fb != null; fa = a.next(), fb = b.next()) {
                if (fa == null || fb == null) {
                    throw lengthMismatch(a, b, fa == null ? b : a);
                }
                change.measure(fa.image(), fb.image());
                List<MotGroundTruth.Face> faces = byFrame.getOrDefault(fa.index() + 1, List.of());
                for (MotGroundTruth.Face face : faces) {
                    if (face.head()) {
                        continue; // no face shows: hidden or not, nothing to judge, but not picture either
                    }
                    PixelChange.CellVotes votes = change.vote(face.box());
                    if (votes == null) {
                        boxesOutside++;
                    } else {
                        double correlation = change.detailCorrelation(face.box());
                        judged.add(new LeakReport.FaceFrame(face.frame(), face.id(), face.box().height(),
                                votes.detailed() == 0, votes.changedShare(), rule.redacted(votes.changedShare()),
                                correlation, check.leaked(correlation)));
                    }
                }
                double outside = change.changedShareOutside(faces.stream().map(MotGroundTruth.Face::box).toList());
                if (!Double.isNaN(outside)) {
                    outsideSum += outside;
                    outsideFrames++;
                }
            }
            if (truth.lastFrame() > a.framesRead()) {
                throw new FaceblurException("the ground truth names frame " + truth.lastFrame() + " but "
                        + original + " has " + a.framesRead() + " frames");
            }
            return LeakReport.of(a.framesRead(), rule, check, judged,
                    outsideFrames == 0 ? 0 : outsideSum / outsideFrames, boxesOutside);
        }
    }

    /** Counts the rest of the longer video, so that the message can give both lengths. */
    private static FaceblurException lengthMismatch(VideoReader a, VideoReader b, VideoReader longer) {
        while (longer.next() != null) {
            // only counting
        }
        return new FaceblurException("the videos differ in length: " + a.path() + " has " + a.framesRead()
                + " frames, " + b.path() + " has " + b.framesRead() + "; compare the redacted video with its own original");
    }
}
