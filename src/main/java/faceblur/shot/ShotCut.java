package faceblur.shot;

/**
 * Decides whether two consecutive frames belong to different shots. The camera may pan a sixth of the picture
 * in one frame, so the frames are compared at the shift that lines them up best: within a shot some shift
 * makes them nearly the same picture, across a cut none does. Likeness is the correlation of the two grey
 * pictures, blind to brightness and contrast, so a flash or a fade is no cut, and alike for a plain wall and a
 * busy crowd, where two different crowds still differ.
 * <p>
 * A missed cut only lets a face's mask linger into the next shot; a cut found inside a shot splits its tracks,
 * and a face that the detector then misses near that frame is not covered from the other side. So the
 * threshold sits well clear of every change within a shot we have measured.
 */
public final class ShotCut {

    /**
     * Measured with bench/cuts: the cuts of megamind.mp4 and a cut between two crowd clips change 0.41-0.82;
     * within shots, the whip pans and zooms of twelve moving test videos at most 0.25, a camera flash 0.03,
     * the street of vtest.avi 0.03. The threshold sits between 0.25 and 0.41, nearer the cuts.
     */
    public static final double THRESHOLD = 0.33;
    /** Shifts tried: about a quarter of the picture each way. */
    private static final int MAX_SHIFT_X = 16;
    private static final int MAX_SHIFT_Y = 10;
    /**
     * A picture whose grey levels vary less than this (standard deviation) is flat: black, or a plain card.
     * Between two flat pictures there is no cut; from a flat picture to one with content there is.
     */
    private static final double FLAT = 1.0;

    private ShotCut() {
    }

    /** Whether {@code after} starts a new shot. */
    public static boolean between(Thumbnail before, Thumbnail after) {
        return compare(before, after).isCut();
    }

    /**
     * How unlike the two pictures are at the shift that matches them best: 1 minus their correlation there,
     * near 0 within a shot, 1 for unrelated pictures; 0 between two flat ones, 1 from flat to not.
     */
    public static double change(Thumbnail before, Thumbnail after) {
        return compare(before, after).change();
    }

    /**
     * The change between two pictures and the shift that matches them best: how far the picture's content moved
     * from {@code before} to {@code after}, in thumbnail pixels (none between flat pictures).
     */
    public static Comparison compare(Thumbnail before, Thumbnail after) {
        Picture a = new Picture(before);
        Picture b = new Picture(after);
        if (a.flat() || b.flat()) {
            return new Comparison(a.flat() && b.flat() ? 0 : 1, 0, 0);
        }
        double best = -1;
        int bestX = 0;
        int bestY = 0;
        for (int dy = -MAX_SHIFT_Y; dy <= MAX_SHIFT_Y; dy++) {
            for (int dx = -MAX_SHIFT_X; dx <= MAX_SHIFT_X; dx++) {
                double c = correlation(a, b, dx, dy);
                if (c > best) {
                    best = c;
                    bestX = dx;
                    bestY = dy;
                }
            }
        }
        // Content at (x + dx) in the first picture lies at x in the second: it moved by -dx.
        return new Comparison(1 - best, -bestX, -bestY);
    }

    /**
     * @param change how unlike the pictures are (see {@link #change})
     * @param dx     how far the content moved across, in thumbnail pixels
     * @param dy     how far it moved down
     */
    public record Comparison(double change, int dx, int dy) {

        public boolean isCut() {
            return change >= THRESHOLD;
        }

        /** The frame at {@code micros} moved this far; not at all where it starts a new shot. */
        public FrameShift shift(long micros) {
            return isCut() ? new FrameShift(micros, 0, 0) : new FrameShift(micros, dx, dy);
        }
    }

    /** Correlation of a at (x + dx, y + dy) with b at (x, y), over where both exist. */
    private static double correlation(Picture a, Picture b, int dx, int dy) {
        int w = Thumbnail.WIDTH;
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(w, w - dx);
        int y0 = Math.max(0, -dy);
        int y1 = Math.min(Thumbnail.HEIGHT, Thumbnail.HEIGHT - dy);
        double n = (double) (x1 - x0) * (y1 - y0);
        double ab = 0;
        for (int y = y0; y < y1; y++) {
            int rowA = (y + dy) * w + dx;
            int rowB = y * w;
            for (int x = x0; x < x1; x++) {
                ab += a.pixels[rowA + x] * b.pixels[rowB + x];
            }
        }
        double sa = a.sum(x0 + dx, y0 + dy, x1 + dx, y1 + dy, a.sums);
        double saa = a.sum(x0 + dx, y0 + dy, x1 + dx, y1 + dy, a.squares);
        double sb = b.sum(x0, y0, x1, y1, b.sums);
        double sbb = b.sum(x0, y0, x1, y1, b.squares);
        double varA = saa - sa * sa / n;
        double varB = sbb - sb * sb / n;
        if (varA <= 0 || varB <= 0) {
            return 0;
        }
        return (ab - sa * sb / n) / Math.sqrt(varA * varB);
    }

    /**
     * A thumbnail smoothed 1-2-1 across and down (a shift of a fraction of a pixel, which no whole-pixel shift
     * matches, then costs little), with summed-area tables of its values and squares for the sums over any
     * rectangle.
     */
    private static final class Picture {
        final float[] pixels;
        final double[] sums;
        final double[] squares;
        private final double deviation;

        Picture(Thumbnail t) {
            int w = Thumbnail.WIDTH;
            int h = Thumbnail.HEIGHT;
            float[] across = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    across[y * w + x] = (t.at(Math.max(0, x - 1), y) + 2 * t.at(x, y) + t.at(Math.min(w - 1, x + 1), y)) / 4f;
                }
            }
            pixels = new float[w * h];
            for (int y = 0; y < h; y++) {
                int up = Math.max(0, y - 1) * w;
                int down = Math.min(h - 1, y + 1) * w;
                for (int x = 0; x < w; x++) {
                    pixels[y * w + x] = (across[up + x] + 2 * across[y * w + x] + across[down + x]) / 4f;
                }
            }
            sums = new double[(w + 1) * (h + 1)];
            squares = new double[(w + 1) * (h + 1)];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = pixels[y * w + x];
                    int i = (y + 1) * (w + 1) + x + 1;
                    sums[i] = v + sums[i - 1] + sums[i - w - 1] - sums[i - w - 2];
                    squares[i] = v * v + squares[i - 1] + squares[i - w - 1] - squares[i - w - 2];
                }
            }
            double n = w * h;
            double mean = sum(0, 0, w, h, sums) / n;
            deviation = Math.sqrt(Math.max(0, sum(0, 0, w, h, squares) / n - mean * mean));
        }

        boolean flat() {
            return deviation < FLAT;
        }

        /** The sum of a table's values over columns [x0, x1) and rows [y0, y1). */
        double sum(int x0, int y0, int x1, int y1, double[] table) {
            int stride = Thumbnail.WIDTH + 1;
            return table[y1 * stride + x1] - table[y0 * stride + x1] - table[y1 * stride + x0] + table[y0 * stride + x0];
        }
    }
}
