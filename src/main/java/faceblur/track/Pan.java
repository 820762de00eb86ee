package faceblur.track;

import faceblur.shot.CoarseMotion;

/**
 * Where the pictures say the camera panned between two observations, give or take their coarseness: the faces'
 * vote on the camera's motion is held to displacements near it. In a crowd of regular rows, a pan by one row
 * and a pan by none move every face onto a face alike; only the picture as a whole tells them apart.
 */
record Pan(double dx, double dy, double toleranceX, double toleranceY) {

    /** No pan known: every displacement may be voted for. */
    static final Pan ANY = new Pan(0, 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** Thumbnail pixels either way: a shift is found to a pixel per frame, summed over a frame or two. */
    private static final double TOLERANCE = 2;

    static Pan of(CoarseMotion motion, long from, long to) {
        return motion.between(from, to)
                .map(d -> new Pan(d.dx(), d.dy(), TOLERANCE * motion.pixelWidth(), TOLERANCE * motion.pixelHeight()))
                .orElse(ANY);
    }

    boolean allows(double x, double y) {
        return Math.abs(x - dx) <= toleranceX && Math.abs(y - dy) <= toleranceY;
    }
}
