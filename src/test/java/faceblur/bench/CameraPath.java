package faceblur.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A virtual camera moving over a still photo: at each time it shows a rectangle of the photo with the
 * output's aspect ratio, always inside the photo (no borders), scaled to the output size.
 * <p>
 * The path, fixed by a seed: a steady wide shot; a slow pan with a zoom in to one face; a hold; a fast pan
 * to a face far from it; a further zoom in; a quick zoom out to the whole picture; a constant-speed pan
 * across at a small zoom.
 */
public final class CameraPath {

    /** What the camera shows at one time: the photo's rectangle {@code x, y, w, h} (pixel-edge coordinates). */
    public record View(double x, double y, double w, double h) {
        /** Output pixels per photo pixel, for an output {@code outWidth} wide. */
        public double scale(int outWidth) {
            return outWidth / w;
        }
    }

    /** A point on the path: normalised time 0..1, zoom (1 = widest view) and the view's centre. */
    record Key(double u, double zoom, double cx, double cy, boolean eased) {
    }

    private final int imageWidth;
    private final int imageHeight;
    private final double aspect;
    private final double baseWidth;
    private final double durationSeconds;
    private final List<Key> keys;

    CameraPath(int imageWidth, int imageHeight, int outWidth, int outHeight, double durationSeconds, List<Key> keys) {
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.aspect = (double) outWidth / outHeight;
        this.baseWidth = Math.min(imageWidth, imageHeight * aspect);
        this.durationSeconds = durationSeconds;
        this.keys = List.copyOf(keys);
    }

    /** The widest view's scale: output pixels per photo pixel at zoom 1. */
    public static double baseScale(int imageWidth, int imageHeight, int outWidth, int outHeight) {
        return outWidth / Math.min(imageWidth, imageHeight * (double) outWidth / outHeight);
    }

    /**
     * The seeded path over a photo whose faces are {@code faces} (targets for the zooms and pans); the faces
     * should not be empty.
     */
    public static CameraPath random(long seed, int imageWidth, int imageHeight, int outWidth, int outHeight,
                                    double durationSeconds, List<WiderAnnotations.Face> faces) {
        Random rnd = new Random(seed);
        double cx0 = imageWidth / 2.0;
        double cy0 = imageHeight / 2.0;
        // Targets: faces big enough to be worth zooming to (upper half by height), else any.
        List<WiderAnnotations.Face> sorted = new ArrayList<>(faces);
        sorted.sort((a, b) -> Double.compare(b.h(), a.h()));
        List<WiderAnnotations.Face> targets = sorted.isEmpty() ? List.of()
                : sorted.subList(0, Math.max(1, sorted.size() / 2));
        double[] a = target(rnd, targets, cx0, cy0);
        double[] b = farthest(rnd, targets, a, cx0, cy0);
        double z1 = 1.5 + 0.5 * rnd.nextDouble();
        double z2 = 2.0 + 0.6 * rnd.nextDouble();
        double z3 = 1.25 + 0.15 * rnd.nextDouble();
        boolean leftToRight = rnd.nextBoolean();
        double panY = imageHeight * (0.4 + 0.2 * rnd.nextDouble());
        List<Key> keys = List.of(
                new Key(0.00, 1, cx0, cy0, true),
                new Key(0.12, 1, cx0, cy0, true),          // steady
                new Key(0.35, z1, a[0], a[1], true),       // slow pan + zoom in
                new Key(0.45, z1, a[0], a[1], true),       // steady close-up
                new Key(0.52, z1, b[0], b[1], true),       // fast pan
                new Key(0.66, z2, b[0], b[1], true),       // zoom in further
                new Key(0.78, 1, cx0, cy0, true),          // zoom out
                new Key(0.84, z3, leftToRight ? 0 : imageWidth, panY, true),
                new Key(1.00, z3, leftToRight ? imageWidth : 0, panY, false)); // steady-speed pan across
        return new CameraPath(imageWidth, imageHeight, outWidth, outHeight, durationSeconds, keys);
    }

    private static double[] target(Random rnd, List<WiderAnnotations.Face> targets, double cx, double cy) {
        if (targets.isEmpty()) {
            return new double[]{cx, cy};
        }
        WiderAnnotations.Face f = targets.get(rnd.nextInt(targets.size()));
        return new double[]{f.centerX(), f.centerY()};
    }

    private static double[] farthest(Random rnd, List<WiderAnnotations.Face> targets, double[] from,
                                     double cx, double cy) {
        double[] best = target(rnd, targets, cx, cy);
        for (int i = 0; i < 6; i++) {
            double[] c = target(rnd, targets, cx, cy);
            if (Math.hypot(c[0] - from[0], c[1] - from[1]) > Math.hypot(best[0] - from[0], best[1] - from[1])) {
                best = c;
            }
        }
        return best;
    }

    /** The view at {@code seconds} from the start. */
    public View at(double seconds) {
        double u = Math.max(0, Math.min(1, seconds / durationSeconds));
        int i = 1;
        while (i < keys.size() - 1 && keys.get(i).u() < u) {
            i++;
        }
        Key k0 = keys.get(i - 1);
        Key k1 = keys.get(i);
        double t = k1.u() > k0.u() ? (u - k0.u()) / (k1.u() - k0.u()) : 1;
        t = Math.max(0, Math.min(1, t));
        if (k1.eased()) {
            t = t * t * (3 - 2 * t);
        }
        double zoom = Math.exp(Math.log(k0.zoom()) + (Math.log(k1.zoom()) - Math.log(k0.zoom())) * t);
        double cx = k0.cx() + (k1.cx() - k0.cx()) * t;
        double cy = k0.cy() + (k1.cy() - k0.cy()) * t;
        double w = baseWidth / zoom;
        double h = w / aspect;
        double x = clamp(cx - w / 2, 0, imageWidth - w);
        double y = clamp(cy - h / 2, 0, imageHeight - h);
        return new View(x, y, w, h);
    }

    private static double clamp(double v, double lo, double hi) {
        return hi < lo ? (lo + hi) / 2 : Math.max(lo, Math.min(hi, v));
    }
}
