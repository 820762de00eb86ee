package faceblur.review;

import faceblur.follow.FollowedBox;
import faceblur.follow.Keyframe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A face the reviewer drew because the detector missed it: the boxes they set (keyframes, exact) and the box on
 * every frame that the visual follower found from them, within the frames it may reach (its shot, or less where
 * the reviewer cut it).
 *
 * @param keyframes the reviewer's boxes, by frame
 * @param boxes     the box on each covered frame, by frame; the keyframes' own frames hold the keyframes' boxes
 * @param firstFrame the earliest frame following may reach
 * @param lastFrame  the latest frame following may reach
 * @param following whether the follower is still working from these keyframes (the boxes may grow)
 */
public record DrawnPath(List<Keyframe> keyframes, List<FollowedBox> boxes, int firstFrame, int lastFrame,
                        boolean following) {

    public DrawnPath {
        keyframes = sorted(keyframes, Keyframe::frame);
        boxes = sorted(boxes, FollowedBox::frame);
    }

    private static <T> List<T> sorted(List<T> items, ToIntFunction<T> frame) {
        List<T> list = new ArrayList<>(items);
        list.sort(Comparator.comparingInt(frame));
        return List.copyOf(list);
    }

    /** This path with {@code keyframe} set (replacing one on the same frame), its box shown at once. */
    DrawnPath withKeyframe(Keyframe keyframe, long micros) {
        List<Keyframe> keys = new ArrayList<>(keyframes.stream().filter(k -> k.frame() != keyframe.frame()).toList());
        keys.add(keyframe);
        List<FollowedBox> shown = new ArrayList<>(boxes.stream().filter(b -> b.frame() != keyframe.frame()).toList());
        shown.add(new FollowedBox(keyframe.frame(), micros, keyframe.box()));
        return new DrawnPath(keys, shown, firstFrame, lastFrame, true);
    }

    /**
     * The part of this path on frames {@code from} to {@code to}, which following may not leave; a part left
     * without a keyframe is anchored by its box nearest the cut, so that following again starts where it was.
     * Null when no box lies there.
     */
    DrawnPath part(int from, int to, boolean anchorAtEnd) {
        List<FollowedBox> kept = boxes.stream().filter(b -> b.frame() >= from && b.frame() <= to).toList();
        if (kept.isEmpty()) {
            return null;
        }
        List<Keyframe> keys = keyframes.stream().filter(k -> k.frame() >= from && k.frame() <= to).toList();
        if (keys.isEmpty()) {
            FollowedBox anchor = anchorAtEnd ? kept.get(kept.size() - 1) : kept.get(0);
            keys = List.of(new Keyframe(anchor.frame(), anchor.box()));
        }
        return new DrawnPath(keys, kept, Math.max(from, firstFrame), Math.min(to, lastFrame), false);
    }

    public int firstBoxFrame() {
        return boxes.isEmpty() ? -1 : boxes.get(0).frame();
    }

    public int lastBoxFrame() {
        return boxes.isEmpty() ? -1 : boxes.get(boxes.size() - 1).frame();
    }
}
