package faceblur.video;

import faceblur.FaceblurException;

import java.util.Locale;
import java.util.Map;

/** A colour to paint on a picture, as 8-bit red, green and blue; written {@code #rrggbb} or by a few names. */
public record Rgb(int red, int green, int blue) {

    public static final Rgb BLACK = new Rgb(0, 0, 0);

    private static final Map<String, Rgb> NAMES = Map.of("black", BLACK, "white", new Rgb(255, 255, 255),
            "grey", new Rgb(128, 128, 128), "gray", new Rgb(128, 128, 128));

    public Rgb {
        if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
            throw new IllegalArgumentException("colour components are 0-255: " + red + ", " + green + ", " + blue);
        }
    }

    /** {@code #rrggbb}, {@code rrggbb}, or black, white, grey. */
    public static Rgb parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        Rgb named = NAMES.get(s);
        if (named != null) {
            return named;
        }
        String hex = s.startsWith("#") ? s.substring(1) : s;
        if (!hex.matches("[0-9a-f]{6}")) {
            throw new FaceblurException("a colour is #rrggbb (like #000000 or #ff8800) or black, white, grey; got " + text);
        }
        int v = Integer.parseInt(hex, 16);
        return new Rgb(v >> 16, (v >> 8) & 0xFF, v & 0xFF);
    }

    /** Its value in each channel of an 8-bit image with {@code channels} channels: grey (luma) or B, G, R. */
    public byte[] channels(int channels) {
        return channels == 1 ? new byte[] {(byte) Math.round(0.299 * red + 0.587 * green + 0.114 * blue)}
                : new byte[] {(byte) blue, (byte) green, (byte) red};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }
}
