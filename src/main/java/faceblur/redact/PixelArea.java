package faceblur.redact;

import faceblur.detect.Box;

/** The whole pixels a box touches within an image: a rectangle of at least one pixel. */
public record PixelArea(int x, int y, int width, int height) {

    /** The pixels of {@code box} inside a {@code frameWidth x frameHeight} image, or null when it lies outside. */
    public static PixelArea of(Box box, int frameWidth, int frameHeight) {
        int x0 = (int) Math.max(0, Math.floor(box.x()));
        int y0 = (int) Math.max(0, Math.floor(box.y()));
        int x1 = (int) Math.min(frameWidth, Math.ceil(box.right()));
        int y1 = (int) Math.min(frameHeight, Math.ceil(box.bottom()));
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        return new PixelArea(x0, y0, x1 - x0, y1 - y0);
    }

    public int area() {
        return width * height;
    }
}
