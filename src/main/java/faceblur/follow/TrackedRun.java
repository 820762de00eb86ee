package faceblur.follow;

import faceblur.detect.Box;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_tracking.TrackerCSRT;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * What CSRT found starting from one keyframe, walking one way: {@code boxes.get(i)} is the box {@code i} frames
 * from the keyframe (0 is the keyframe's own box). {@code lost}: the tracker lost the object after the last box;
 * otherwise the run stopped at the frame it was asked to reach. A run depends on nothing but its keyframe and
 * direction, so a shorter run is a prefix of a longer one.
 */
record TrackedRun(List<Box> boxes, boolean lost) {

    /**
     * The longer side of the box as the tracker sees it, at most: a larger box is tracked in a smaller copy of the
     * frame. CSRT's time a frame grows with the box beyond this (measured on megamind.mp4 with the parameters of
     * {@link #csrtParams()}, frames a second of processor time: 25-30 for boxes of 64 to 128 px, 18 at 160, 14 at
     * 200), while at 128 px a whole pixel of the shrunk picture is still under 1 % of the box.
     */
    static final int TRACKED_SIDE = 128;

    TrackedRun {
        boxes = List.copyOf(boxes);
    }

    /** Whether this run holds everything a run of {@code steps} frames from the keyframe would. */
    boolean covers(int steps) {
        return lost || boxes.size() > steps;
    }

    /** The run as if it had been asked to stop {@code steps} frames from the keyframe. */
    TrackedRun upTo(int steps) {
        // Having reached that frame, it was not lost on the way, whatever happened beyond it.
        return boxes.size() > steps ? new TrackedRun(boxes.subList(0, steps + 1), false) : this;
    }

    /** The box {@code step} frames from the keyframe. */
    Box at(int step) {
        return boxes.get(step);
    }

    /** How many frames from the keyframe the last box is. */
    int lastStep() {
        return boxes.size() - 1;
    }

    /**
     * Tracks {@code start}'s box {@code steps} frames {@code forward} or backward, or until CSRT reports failure
     * or the box lies mostly (over half its area) outside the picture; {@code frameDone} after every frame.
     */
    static TrackedRun track(ShrunkFrames frames, Keyframe start, boolean forward, int steps, Runnable frameDone,
                            BooleanSupplier cancelled) {
        List<Box> boxes = new ArrayList<>(List.of(start.box()));
        int last = start.frame() + (forward ? steps : -steps);
        if (steps == 0) {
            return new TrackedRun(boxes, false);
        }
        double scale = Math.min(frames.maxScale(), TRACKED_SIDE / Math.max(start.box().width(), start.box().height()));
        try (ShrunkFrames.Walk walk = frames.walk(start.frame(), last, scale, cancelled);
             Rect rect = new Rect();
             TrackerCSRT.Params params = csrtParams();
             TrackerCSRT tracker = TrackerCSRT.create(params)) {
            // CSRT works in whole pixels of the shrunk picture; the part of the box it cannot see (beyond the edge)
            // and the rounding are carried along as an offset, so the keyframe maps back to its box exactly.
            Box seen = start.box().times(scale).clippedTo(walk.shrunkWidth(), walk.shrunkHeight());
            if (seen.width() < 2 || seen.height() < 2) {
                return new TrackedRun(boxes, true);
            }
            int left = (int) Math.round(seen.x());
            int top = (int) Math.round(seen.y());
            rect.x(left).y(top).width((int) Math.round(seen.right()) - left).height((int) Math.round(seen.bottom()) - top);
            tracker.init(walk.next(), rect);
            BoxOffset offset = BoxOffset.between(fullFrame(rect, scale), start.box());
            for (Mat image = walk.next(); image != null; image = walk.next()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("following cancelled");
                }
                boolean found = tracker.update(image, rect);
                frameDone.run();
                Box box = offset.applyTo(fullFrame(rect, scale));
                if (!found || 2 * box.clippedTo(frames.width(), frames.height()).area() < box.area()) {
                    return new TrackedRun(boxes, true);
                }
                boxes.add(box);
            }
        }
        return new TrackedRun(boxes, false);
    }

    /**
     * CSRT's defaults but two, chosen on the test videos (BoxFollowerTest) because its box size went wrong: the
     * scale model sees the object at 2048 px of area instead of 512 (about 45 px across instead of 22), so it can
     * tell sizes apart, and the search window holds 2 box sizes of surroundings instead of 3. With the defaults,
     * a patch growing 3.5 times was followed at down to 65 % of its size (IoU 0.43), and the box over the
     * low-texture candle of megamind.mp4 shrank to 67 % of it (17 px off centre); with these, 94 % (IoU 0.87)
     * and 96 % (4 px), at the same speed (25 frames a second of processor time on those clips).
     */
    private static TrackerCSRT.Params csrtParams() {
        TrackerCSRT.Params params = new TrackerCSRT.Params();
        params.scale_model_max_area(2048);
        params.padding(2);
        return params;
    }

    private static Box fullFrame(Rect shrunk, double scale) {
        return new Box(shrunk.x(), shrunk.y(), shrunk.width(), shrunk.height()).times(1 / scale);
    }
}
