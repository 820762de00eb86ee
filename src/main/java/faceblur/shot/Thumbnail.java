package faceblur.shot;

import faceblur.video.DecodedFrame;

import java.util.Arrays;

/**
 * A frame's luma shrunk to {@link #WIDTH} x {@link #HEIGHT} (full range, row by row), with the frame's time:
 * what finding cuts compares. Whatever the frame's shape, so that any two thumbnails compare.
 *
 * @param micros the frame's time, in microseconds from the first frame
 * @param luma   {@code WIDTH * HEIGHT} grey levels
 */
public record Thumbnail(long micros, byte[] luma) {

    public static final int WIDTH = 64;
    public static final int HEIGHT = 36;

    /** The thumbnail of a decoded frame. */
    public static Thumbnail of(DecodedFrame frame) {
        return new Thumbnail(frame.micros(), frame.thumbnail(WIDTH, HEIGHT));
    }

    public Thumbnail {
        if (luma.length != WIDTH * HEIGHT) {
            throw new IllegalArgumentException("a thumbnail has " + WIDTH * HEIGHT + " pixels, got " + luma.length);
        }
        luma = luma.clone();
    }

    @Override
    public byte[] luma() {
        return luma.clone();
    }

    /** The grey level at (x, y), 0-255. */
    int at(int x, int y) {
        return luma[y * WIDTH + x] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Thumbnail t && t.micros == micros && Arrays.equals(t.luma, luma);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(micros) * 31 + Arrays.hashCode(luma);
    }

    @Override
    public String toString() {
        return "Thumbnail[micros=" + micros + "]";
    }
}
