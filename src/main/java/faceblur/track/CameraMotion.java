package faceblur.track;

import faceblur.detect.Box;
import faceblur.detect.Detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How the whole picture moved between two observations, as a pan and a zoom: a point at (x, y) went to
 * (scale x + dx, scale y + dy). Estimated from the faces themselves: in a crowd the camera moves every face
 * alike, and a whip pan moves them further in one frame than their own size, which no per-face prediction
 * follows.
 */
public record CameraMotion(double scale, double dx, double dy) {

    public static final CameraMotion NONE = new CameraMotion(1, 0, 0);

    /** Fewer faces than this moving together is no evidence of a camera move. */
    static final int MIN_AGREEING = 3;
    /** The most faces of one observation that vote: enough to outvote the few that move on their own. */
    private static final int MAX_VOTERS = 100;
    /** Displacements are voted on a grid of this many pixels. */
    private static final double VOTE_CELL = 8;
    /** Faces of one pair may differ in height by at most this factor between two observations. */
    private static final double MAX_SIZE_CHANGE = 1.25;

    public Box apply(Box box) {
        if (isNone()) {
            return box;
        }
        double w = box.width() * scale;
        double h = box.height() * scale;
        return new Box(box.centerX() * scale + dx - w / 2, box.centerY() * scale + dy - h / 2, w, h);
    }

    /** This motion followed by {@code next}. */
    public CameraMotion then(CameraMotion next) {
        return new CameraMotion(scale * next.scale, next.scale * dx + next.dx, next.scale * dy + next.dy);
    }

    /** Part of the way to {@code other}: {@code t = 0} gives this motion, {@code t = 1} the other. */
    public CameraMotion towards(CameraMotion other, double t) {
        return new CameraMotion(scale + (other.scale - scale) * t, dx + (other.dx - dx) * t, dy + (other.dy - dy) * t);
    }

    boolean isNone() {
        return scale == 1 && dx == 0 && dy == 0;
    }

    public CameraMotion inverse() {
        return new CameraMotion(1 / scale, -dx / scale, -dy / scale);
    }

    /**
     * The motion most faces agree on, or empty when fewer than {@link #MIN_AGREEING} faces of each set do.
     * Every pair of similar size votes for its displacement; the faces near the winning displacement, each
     * used once, then give the pan and zoom by least squares.
     */
    public static Optional<CameraMotion> estimate(List<Detection> before, List<Detection> after) {
        return estimate(before, after, Pan.ANY);
    }

    /**
     * As {@link #estimate(List, List)}, with only displacements near {@code pan} voted for; when too few faces
     * agree near it (a zoom moves faces apart), with all of them.
     */
    static Optional<CameraMotion> estimate(List<Detection> before, List<Detection> after, Pan pan) {
        if (before.size() < MIN_AGREEING || after.size() < MIN_AGREEING) {
            return Optional.empty();
        }
        before = surest(before);
        after = surest(after);
        Optional<CameraMotion> near = vote(before, after, pan);
        return near.isPresent() || pan == Pan.ANY ? near : vote(before, after, Pan.ANY);
    }

    /**
     * The {@link #MAX_VOTERS} highest-scoring detections: every pair votes, and at a low threshold a crowd gives
     * a thousand detections a frame, most of them weak, which made a million pairs a frame.
     */
    private static List<Detection> surest(List<Detection> detections) {
        if (detections.size() <= MAX_VOTERS) {
            return detections;
        }
        return detections.stream().sorted(Comparator.comparingDouble(Detection::confidence).reversed())
                .limit(MAX_VOTERS).toList();
    }

    private static Optional<CameraMotion> vote(List<Detection> before, List<Detection> after, Pan pan) {
        Votes votes = new Votes();
        for (Detection a : before) {
            for (Detection b : after) {
                double dx = b.box().centerX() - a.box().centerX();
                double dy = b.box().centerY() - a.box().centerY();
                if (similarSize(a.box(), b.box()) && pan.allows(dx, dy)) {
                    votes.add(dx, dy);
                }
            }
        }
        int[] best = votes.best();
        if (best == null || best[2] < MIN_AGREEING) {
            return Optional.empty();
        }
        double vx = best[0] * VOTE_CELL;
        double vy = best[1] * VOTE_CELL;
        List<Pair> agreeing = agreeing(before, after, vx, vy);
        if (agreeing.size() < MIN_AGREEING) {
            return Optional.empty();
        }
        return Optional.of(fit(agreeing));
    }

    /** Pairs whose displacement lies near (vx, vy), each face in at most one pair, closest first. */
    private static List<Pair> agreeing(List<Detection> before, List<Detection> after, double vx, double vy) {
        List<Pair> near = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Box a = before.get(i).box();
            for (int j = 0; j < after.size(); j++) {
                Box b = after.get(j).box();
                double ox = b.centerX() - a.centerX() - vx;
                double oy = b.centerY() - a.centerY() - vy;
                double off = Math.sqrt(ox * ox + oy * oy);
                if (similarSize(a, b) && off <= 2 * VOTE_CELL + 0.25 * a.height()) {
                    near.add(new Pair(i, j, a, b, off));
                }
            }
        }
        near.sort(Comparator.comparingDouble(Pair::off));
        boolean[] usedBefore = new boolean[before.size()];
        boolean[] usedAfter = new boolean[after.size()];
        List<Pair> chosen = new ArrayList<>();
        for (Pair p : near) {
            if (!usedBefore[p.i] && !usedAfter[p.j]) {
                usedBefore[p.i] = true;
                usedAfter[p.j] = true;
                chosen.add(p);
            }
        }
        return chosen;
    }

    /** Least-squares scale and shift taking the first centres to the second. */
    private static CameraMotion fit(List<Pair> pairs) {
        double ax = 0, ay = 0, bx = 0, by = 0;
        for (Pair p : pairs) {
            ax += p.a.centerX();
            ay += p.a.centerY();
            bx += p.b.centerX();
            by += p.b.centerY();
        }
        int n = pairs.size();
        ax /= n;
        ay /= n;
        bx /= n;
        by /= n;
        double cross = 0;
        double spread = 0;
        for (Pair p : pairs) {
            double x = p.a.centerX() - ax;
            double y = p.a.centerY() - ay;
            cross += x * (p.b.centerX() - bx) + y * (p.b.centerY() - by);
            spread += x * x + y * y;
        }
        // Faces bunched in one spot say nothing of zoom.
        double scale = spread > 1e-6 ? cross / spread : 1;
        scale = Math.max(1 / MAX_SIZE_CHANGE, Math.min(MAX_SIZE_CHANGE, scale));
        return new CameraMotion(scale, bx - scale * ax, by - scale * ay);
    }

    private static boolean similarSize(Box a, Box b) {
        double ratio = b.height() / a.height();
        return ratio >= 1 / MAX_SIZE_CHANGE && ratio <= MAX_SIZE_CHANGE;
    }

    /** Displacements counted on a grid of {@link #VOTE_CELL} pixels. */
    private static final class Votes {
        private int[] xs = new int[64];
        private int[] ys = new int[64];
        private int count;

        void add(double dx, double dy) {
            if (count == xs.length) {
                xs = Arrays.copyOf(xs, count * 2);
                ys = Arrays.copyOf(ys, count * 2);
            }
            xs[count] = (int) Math.round(dx / VOTE_CELL);
            ys[count] = (int) Math.round(dy / VOTE_CELL);
            count++;
        }

        /** The cell with the most votes in it and its 8 neighbours: {x, y, votes}; null when there are none. */
        int[] best() {
            if (count == 0) {
                return null;
            }
            int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, maxY = Integer.MIN_VALUE;
            for (int i = 0; i < count; i++) {
                minX = Math.min(minX, xs[i]);
                maxX = Math.max(maxX, xs[i]);
                minY = Math.min(minY, ys[i]);
                maxY = Math.max(maxY, ys[i]);
            }
            // A border of one cell all round, so that every neighbour of a vote is inside the grid.
            int width = maxX - minX + 3;
            int[] grid = new int[width * (maxY - minY + 3)];
            for (int i = 0; i < count; i++) {
                grid[(ys[i] - minY + 1) * width + xs[i] - minX + 1]++;
            }
            int[] best = null;
            for (int i = 0; i < count; i++) {
                int at = (ys[i] - minY + 1) * width + xs[i] - minX + 1;
                int around = 0;
                for (int row = -width; row <= width; row += width) {
                    around += grid[at + row - 1] + grid[at + row] + grid[at + row + 1];
                }
                // Ties go to the smaller displacement: a still camera is the likelier answer.
                if (best == null || around > best[2] || (around == best[2]
                        && Math.abs(xs[i]) + Math.abs(ys[i]) < Math.abs(best[0]) + Math.abs(best[1]))) {
                    best = new int[]{xs[i], ys[i], around};
                }
            }
            return best;
        }
    }

    private record Pair(int i, int j, Box a, Box b, double off) {
    }
}
