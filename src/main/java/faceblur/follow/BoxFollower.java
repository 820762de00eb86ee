package faceblur.follow;

import faceblur.detect.Box;
import faceblur.engine.ProgressListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Follows boxes a person set on some frames of a shot (keyframes) to every frame of it, with OpenCV's CSRT
 * tracker on a shrunk copy of each frame ({@link ShrunkFrames#MAX_SIDE}, {@link TrackedRun#TRACKED_SIDE}). What a
 * user sees:
 * <ul>
 * <li>Each keyframe's box is kept exactly on its frame.</li>
 * <li>Before the first keyframe, the box is followed backward from it down to the shot's first frame, or until
 * the tracker loses it or the box lies mostly (over half) outside the picture; the result starts at the last
 * frame where it was still followed. After the last keyframe, the same forward, up to the shot's last frame.
 * CSRT keeps its box's centre inside the picture, so a box over an object that leaves the picture waits at the
 * edge, over what is left of the object, until the tracker loses it.</li>
 * <li>Between two keyframes A and B every frame gets a box (the person said the object is there at both ends).
 * The box is followed forward from A, and the drift is corrected linearly so that the path arrives exactly at B:
 * {@code box(t) = tracked(t) + (B - tracked(B)) (t - A) / (B - A)}, side by side.</li>
 * <li>If the tracker loses the box at frame L before B, the drift is not known: frames up to L keep the
 * tracker's boxes, and the box is followed backward from B too, down to L + 1 or until lost at frame M. Frames
 * from M to B keep those boxes, and frames between L and M move in a straight line from the one at L to the one
 * at M: an object hidden for a while, or gone out of the picture and back, is found again on both sides of the
 * gap. (Where the backward run is lost at once, M = B: a straight line from L to B.)</li>
 * </ul>
 * A run of the tracker from one keyframe in one direction depends on nothing else, so runs are remembered
 * (the {@link #REMEMBERED_RUNS} last used): after a keyframe is added, moved or removed, only the two stretches
 * on either side of it are tracked again.
 * <p>
 * Holds the video open until {@link #close()}; one {@link #follow} at a time.
 */
public final class BoxFollower implements AutoCloseable {

    /** Runs kept for the next {@link #follow}: a few dozen keyframe edits, about 60 bytes a frame tracked. */
    static final int REMEMBERED_RUNS = 48;

    private record RunStart(Keyframe keyframe, boolean forward) {
    }

    private final ShrunkFrames frames;
    private boolean closed;
    private final Map<RunStart, TrackedRun> runs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RunStart, TrackedRun> eldest) {
            return size() > REMEMBERED_RUNS;
        }
    };

    /**
     * @param video       the video, opened now and held open until {@link #close()}
     * @param frameMicros every frame's {@link faceblur.video.DecodedFrame#micros()}, by frame number (the caller has
     *                    them from its analysis pass): frames are found by seeking to these times
     */
    public BoxFollower(Path video, List<Long> frameMicros) {
        this.frames = new ShrunkFrames(video, frameMicros);
    }

    /**
     * The box on every frame from {@code firstFrame} to {@code lastFrame} (inclusive: the bounds of the shot the
     * keyframes are in) in frame order, fewer at either end where the tracker lost the object. See the class
     * comment for how the path is made.
     *
     * @param keyframes at least one, on distinct frames within the bounds, in any order
     * @param progress  told {@code begin("following", frames to track)}, then each frame tracked: runs remembered
     *                  from an earlier call are not counted, and backward runs that find a lost box again are
     *                  not known in advance
     * @param cancelled asked before every frame decoded or tracked
     * @throws java.util.concurrent.CancellationException as soon as {@code cancelled} says so
     */
    public synchronized List<FollowedBox> follow(List<Keyframe> keyframes, int firstFrame, int lastFrame,
                                                 ProgressListener progress, BooleanSupplier cancelled) {
        if (closed) {
            throw new IllegalStateException("this follower is closed");
        }
        List<Keyframe> keys = checked(keyframes, firstFrame, lastFrame);
        Keyframe first = keys.get(0);
        Keyframe last = keys.get(keys.size() - 1);
        long toTrack = untracked(first, false, first.frame() - firstFrame) + untracked(last, true, lastFrame - last.frame());
        for (int i = 0; i + 1 < keys.size(); i++) {
            toTrack += untracked(keys.get(i), true, keys.get(i + 1).frame() - keys.get(i).frame());
        }
        progress.begin("following", toTrack);
        try {
            List<Box> path = new ArrayList<>();
            TrackedRun before = run(first, false, first.frame() - firstFrame, progress, cancelled);
            for (int step = before.lastStep(); step > 0; step--) {
                path.add(before.at(step));
            }
            for (int i = 0; i + 1 < keys.size(); i++) {
                path.addAll(between(keys.get(i), keys.get(i + 1), progress, cancelled));
            }
            path.addAll(run(last, true, lastFrame - last.frame(), progress, cancelled).boxes());

            int pathStart = first.frame() - before.lastStep();
            List<FollowedBox> result = new ArrayList<>(path.size());
            for (int i = 0; i < path.size(); i++) {
                int frame = pathStart + i;
                result.add(new FollowedBox(frame, frames.micros(frame), path.get(i)));
            }
            return result;
        } finally {
            progress.end();
        }
    }

    /** The boxes from {@code a} up to, not including, {@code b}: see the class comment. */
    private List<Box> between(Keyframe a, Keyframe b, ProgressListener progress, BooleanSupplier cancelled) {
        int span = b.frame() - a.frame();
        TrackedRun forward = run(a, true, span, progress, cancelled);
        List<Box> boxes = new ArrayList<>(span);
        boxes.add(a.box());
        if (!forward.lost()) {
            BoxOffset drift = BoxOffset.between(forward.at(span), b.box());
            for (int step = 1; step < span; step++) {
                boxes.add(drift.times((double) step / span).applyTo(forward.at(step)));
            }
            return boxes;
        }
        int lost = a.frame() + forward.lastStep();
        for (int frame = a.frame() + 1; frame <= lost; frame++) {
            boxes.add(forward.at(frame - a.frame()));
        }
        // The object was lost on the way, perhaps hidden for a while: find it again from the other end.
        TrackedRun backward = run(b, false, b.frame() - lost - 1, progress, cancelled);
        int found = b.frame() - backward.lastStep();
        Box lastSeen = forward.at(lost - a.frame());
        Box firstSeen = backward.at(b.frame() - found);
        for (int frame = lost + 1; frame < found; frame++) {
            boxes.add(lastSeen.lerp(firstSeen, (double) (frame - lost) / (found - lost)));
        }
        for (int frame = Math.max(found, lost + 1); frame < b.frame(); frame++) {
            boxes.add(backward.at(b.frame() - frame));
        }
        return boxes;
    }

    /** How many frames {@link #run} would track: none where a remembered run answers. */
    private long untracked(Keyframe keyframe, boolean forward, int steps) {
        TrackedRun run = runs.get(new RunStart(keyframe, forward));
        return run != null && run.covers(steps) ? 0 : steps;
    }

    /** The run from {@code keyframe} {@code steps} frames one way, remembered or tracked now. */
    private TrackedRun run(Keyframe keyframe, boolean forward, int steps, ProgressListener progress,
                           BooleanSupplier cancelled) {
        RunStart start = new RunStart(keyframe, forward);
        TrackedRun run = runs.get(start);
        if (run == null || !run.covers(steps)) {
            run = TrackedRun.track(frames, keyframe, forward, steps, progress::frameDone, cancelled);
            runs.put(start, run);
        }
        return run.upTo(steps);
    }

    private List<Keyframe> checked(List<Keyframe> keyframes, int firstFrame, int lastFrame) {
        if (keyframes.isEmpty()) {
            throw new IllegalArgumentException("no keyframe to follow from");
        }
        if (firstFrame < 0 || lastFrame < firstFrame || lastFrame >= frames.frameCount()) {
            throw new IllegalArgumentException("frames " + firstFrame + " to " + lastFrame + " are not within the video's "
                    + frames.frameCount() + " frames");
        }
        List<Keyframe> sorted = new ArrayList<>(keyframes);
        sorted.sort(Comparator.comparingInt(Keyframe::frame));
        for (int i = 0; i < sorted.size(); i++) {
            int frame = sorted.get(i).frame();
            if (frame < firstFrame || frame > lastFrame) {
                throw new IllegalArgumentException("keyframe on frame " + frame + " is outside frames " + firstFrame
                        + " to " + lastFrame);
            }
            if (i > 0 && sorted.get(i - 1).frame() == frame) {
                throw new IllegalArgumentException("two keyframes on frame " + frame);
            }
        }
        return sorted;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            runs.clear();
            frames.close();
        }
    }
}
