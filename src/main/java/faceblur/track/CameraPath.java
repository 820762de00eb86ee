package faceblur.track;

import faceblur.detect.Box;
import faceblur.shot.PictureCues;
import faceblur.shot.Shots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the camera looked over time: for each observation, the pan and zoom that take the scene (the picture
 * of the first observation) to that observation's picture. Tracks keep their faces in scene coordinates
 * between and beyond sightings, so a face the detector misses during a pan stays where it stands in the scene,
 * not where a straight line between two sightings would put it. Without camera motion, scene and picture are
 * the same.
 */
public final class CameraPath {

    public static final CameraPath STILL = new CameraPath(new long[0], new CameraMotion[0]);

    /** The camera's pose at one observation: how the scene shows in that picture. */
    public record Pose(long micros, CameraMotion motion) {
    }

    private final long[] micros;
    private final CameraMotion[] poses;

    private CameraPath(long[] micros, CameraMotion[] poses) {
        this.micros = micros;
        this.poses = poses;
    }

    /**
     * The path through observations in time order: each step is the motion the faces of two consecutive
     * observations agree on near the pan the pictures show, or none where too few do or a cut lies between them.
     */
    public static CameraPath of(List<Observation> ordered, PictureCues cues) {
        Shots shots = cues.shots();
        long[] micros = new long[ordered.size()];
        CameraMotion[] poses = new CameraMotion[ordered.size()];
        for (int k = 0; k < ordered.size(); k++) {
            micros[k] = ordered.get(k).micros();
            if (k == 0) {
                poses[k] = CameraMotion.NONE;
                continue;
            }
            Observation before = ordered.get(k - 1);
            Observation after = ordered.get(k);
            CameraMotion step = shots.cutBetween(before.micros(), after.micros()) ? CameraMotion.NONE
                    : CameraMotion.estimate(before.detections(), after.detections(),
                    Pan.of(cues.motion(), before.micros(), after.micros())).orElse(CameraMotion.NONE);
            poses[k] = poses[k - 1].then(step);
        }
        return new CameraPath(micros, poses);
    }

    /** The path through given poses, in time order: the inverse of {@link #poses()}, for a path kept in a file. */
    public static CameraPath of(List<Pose> poses) {
        long[] micros = new long[poses.size()];
        CameraMotion[] motions = new CameraMotion[poses.size()];
        for (int k = 0; k < poses.size(); k++) {
            micros[k] = poses.get(k).micros();
            motions[k] = poses.get(k).motion();
            if (k > 0 && micros[k] < micros[k - 1]) {
                throw new IllegalArgumentException("camera poses must be in time order");
            }
        }
        return new CameraPath(micros, motions);
    }

    /** Every observation's pose, in time order. */
    public List<Pose> poses() {
        List<Pose> list = new ArrayList<>(poses.length);
        for (int k = 0; k < poses.length; k++) {
            list.add(new Pose(micros[k], poses[k]));
        }
        return list;
    }

    /** The pose at any time: between observations interpolated, beyond the ends held. */
    public CameraMotion poseAt(long time) {
        if (poses.length == 0) {
            return CameraMotion.NONE;
        }
        int i = Arrays.binarySearch(micros, time);
        if (i >= 0) {
            return poses[i];
        }
        int after = -i - 1;
        if (after == 0) {
            return poses[0];
        }
        if (after == poses.length) {
            return poses[poses.length - 1];
        }
        double t = (double) (time - micros[after - 1]) / (micros[after] - micros[after - 1]);
        return poses[after - 1].towards(poses[after], t);
    }

    /** A box of the picture at {@code time}, where it lies in the scene. */
    public Box toScene(Box picture, long time) {
        return poseAt(time).inverse().apply(picture);
    }

    /** A box of the scene, where it shows in the picture at {@code time}. */
    public Box toPicture(Box scene, long time) {
        return poseAt(time).apply(scene);
    }
}
