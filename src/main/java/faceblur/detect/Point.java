package faceblur.detect;

/** A point in pixels. */
public record Point(double x, double y) {

    public Point times(double factor) {
        return new Point(x * factor, y * factor);
    }
}
