package faceblur.video;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded picture, in presentation order.
 *
 * @param index the frame's position in the video, from 0
 * @param pts   its presentation timestamp in the video stream's time base
 * @param image the picture as 8-bit BGR, or null when not asked for; owned by the {@link VideoReader} and
 *              valid until its next read
 */
public record DecodedFrame(int index, long pts, Mat image) {
}
