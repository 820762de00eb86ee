package faceblur.video;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One plane of a YUV picture, as an 8-bit single-channel image over the frame's own memory.
 *
 * @param pixels the plane; writing to it changes the frame
 * @param scale  its size relative to the full picture (0.5 for 4:2:0 chroma, 1 otherwise)
 * @param black  the value of black in this plane (16 or 0 for luma by range, 128 for chroma)
 */
public record Plane(Mat pixels, double scale, int black) {
}
