package faceblur.shot;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The camera's pan between any two times, added up from the frames' thumbnail shifts and scaled to the
 * picture: coarse (a thumbnail pixel is 20-30 picture pixels) but blind to what the picture shows, so it can
 * tell a pan by one row of a crowd from a pan by none, which faces alone cannot.
 */
public final class CoarseMotion {

    /** Motion unknown: no frames were read. */
    public static final CoarseMotion UNKNOWN = new CoarseMotion(new long[0], new int[0], new int[0], 0, 0);

    private final long[] micros;
    private final int[] x;
    private final int[] y;
    private final double pixelWidth;
    private final double pixelHeight;

    private CoarseMotion(long[] micros, int[] x, int[] y, double pixelWidth, double pixelHeight) {
        this.micros = micros;
        this.x = x;
        this.y = y;
        this.pixelWidth = pixelWidth;
        this.pixelHeight = pixelHeight;
    }

    /** From every frame's shift, in time order, of a picture {@code width} x {@code height}. */
    public static CoarseMotion of(List<FrameShift> shifts, int width, int height) {
        long[] micros = new long[shifts.size()];
        int[] x = new int[shifts.size()];
        int[] y = new int[shifts.size()];
        for (int i = 0; i < shifts.size(); i++) {
            FrameShift s = shifts.get(i);
            micros[i] = s.micros();
            x[i] = (i == 0 ? 0 : x[i - 1]) + s.dx();
            y[i] = (i == 0 ? 0 : y[i - 1]) + s.dy();
        }
        return new CoarseMotion(micros, x, y, (double) width / Thumbnail.WIDTH, (double) height / Thumbnail.HEIGHT);
    }

    /** The time of every frame the motion was measured on, in order (none when unknown). */
    public long[] frameMicros() {
        return micros.clone();
    }

    /** A thumbnail pixel across, in picture pixels: how coarse the motion is. */
    public double pixelWidth() {
        return pixelWidth;
    }

    /** A thumbnail pixel down, in picture pixels. */
    public double pixelHeight() {
        return pixelHeight;
    }

    /**
     * How far the picture moved from the frame nearest {@code from} to the frame nearest {@code to}, in picture
     * pixels; empty when no frames are known.
     */
    public Optional<Displacement> between(long from, long to) {
        if (micros.length == 0) {
            return Optional.empty();
        }
        int a = nearest(from);
        int b = nearest(to);
        return Optional.of(new Displacement((x[b] - x[a]) * pixelWidth, (y[b] - y[a]) * pixelHeight));
    }

    private int nearest(long time) {
        int i = Arrays.binarySearch(micros, time);
        if (i >= 0) {
            return i;
        }
        int after = -i - 1;
        if (after == 0) {
            return 0;
        }
        if (after == micros.length) {
            return micros.length - 1;
        }
        return time - micros[after - 1] <= micros[after] - time ? after - 1 : after;
    }

    public record Displacement(double dx, double dy) {
    }
}
