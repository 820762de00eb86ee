package faceblur.detect;

/** An axis-aligned rectangle in pixels: top-left corner, width and height. */
public record Box(double x, double y, double width, double height) {

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public double area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    public double intersectionArea(Box other) {
        double w = Math.min(right(), other.right()) - Math.max(x, other.x);
        double h = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Intersection over union; 0 for disjoint or empty boxes. */
    public double iou(Box other) {
        double inter = intersectionArea(other);
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** The same centre, each side multiplied by {@code factor}. */
    public Box scaledAboutCenter(double factor) {
        double w = width * factor;
        double h = height * factor;
        return new Box(centerX() - w / 2, centerY() - h / 2, w, h);
    }

    /** The same box moved by {@code dx, dy}. */
    public Box shifted(double dx, double dy) {
        return new Box(x + dx, y + dy, width, height);
    }

    /** Every coordinate multiplied by {@code factor} (a change of image scale). */
    public Box times(double factor) {
        return new Box(x * factor, y * factor, width * factor, height * factor);
    }

    /** The part of this box inside a {@code frameWidth x frameHeight} image (possibly empty). */
    public Box clippedTo(int frameWidth, int frameHeight) {
        double x0 = Math.max(0, x);
        double y0 = Math.max(0, y);
        double x1 = Math.min(frameWidth, right());
        double y1 = Math.min(frameHeight, bottom());
        return new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /** Linear interpolation: {@code t = 0} gives this box, {@code t = 1} gives {@code other}. */
    public Box lerp(Box other, double t) {
        return new Box(
                x + (other.x - x) * t,
                y + (other.y - y) * t,
                width + (other.width - width) * t,
                height + (other.height - height) * t);
    }

    /** The smallest box holding both. */
    public Box union(Box other) {
        double x0 = Math.min(x, other.x);
        double y0 = Math.min(y, other.y);
        return new Box(x0, y0, Math.max(right(), other.right()) - x0, Math.max(bottom(), other.bottom()) - y0);
    }
}
