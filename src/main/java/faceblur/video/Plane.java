package faceblur.video;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One plane of a YUV picture, as an 8-bit single-channel image over the frame's own memory.
 *
 * @param pixels    the plane; writing to it changes the frame
 * @param scale     its size relative to the full picture (0.5 for 4:2:0 chroma, 1 otherwise)
 * @param component 0 for luma (Y), 1 for Cb (U), 2 for Cr (V)
 * @param fullRange whether values span 0-255 (JPEG range) rather than 16-235
 * @param bt709     whether the picture's colours are BT.709 (HD) rather than BT.601 (SD)
 */
public record Plane(Mat pixels, double scale, int component, boolean fullRange, boolean bt709) {

    /** The value that paints {@code colour} in this plane. */
    public int value(Rgb colour) {
        double kr = bt709 ? 0.2126 : 0.299;
        double kb = bt709 ? 0.0722 : 0.114;
        double r = colour.red() / 255.0;
        double g = colour.green() / 255.0;
        double b = colour.blue() / 255.0;
        double y = kr * r + (1 - kr - kb) * g + kb * b;
        double v = switch (component) {
            case 0 -> fullRange ? y * 255 : 16 + y * 219;
            case 1 -> 128 + (b - y) / (2 * (1 - kb)) * (fullRange ? 255 : 224);
            default -> 128 + (r - y) / (2 * (1 - kr)) * (fullRange ? 255 : 224);
        };
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
