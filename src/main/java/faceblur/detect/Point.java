package faceblur.detect;

/** A point in pixels. */
public record Point(double x, double y) {

    public Point shifted(double dx, double dy) {
        return new Point(x + dx, y + dy);
    }

    public Point times(double factor) {
        return new Point(x * factor, y * factor);
    }
}
