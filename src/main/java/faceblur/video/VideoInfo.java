package faceblur.video;

import java.util.List;

/**
 * What a video file holds, read from its header and video stream.
 *
 * @param format         FFmpeg's description of the container, such as {@code QuickTime / MOV} (as Rekognition
 *                       reports it)
 * @param codec          the video codec, such as {@code h264}
 * @param width          coded width in pixels (before display rotation)
 * @param height         coded height in pixels
 * @param frameRate      the average frame rate; variable-rate video has no single rate, so frames carry
 *                       their own timestamps
 * @param timeBase       the unit of the video stream's timestamps
 * @param durationMicros the duration, or 0 when the file does not say
 * @param declaredFrames the frame count the header declares, or 0 when it does not say
 * @param rotation       the display rotation in degrees, counter-clockwise, 0 when none
 * @param fullRange      whether luma uses the full 0-255 range rather than 16-235
 * @param sampleAspect   the shape of one pixel (1/1 for square pixels)
 * @param audioCodecs    the codec of each audio stream that can be copied, in stream order
 * @param unreadableAudio audio streams left out because damage left them without a codec
 */
public record VideoInfo(String format, String codec, int width, int height, Rational frameRate,
                        Rational timeBase, long durationMicros, long declaredFrames, double rotation,
                        boolean fullRange, Rational sampleAspect, List<String> audioCodecs,
                        int unreadableAudio) {

    public VideoInfo {
        audioCodecs = List.copyOf(audioCodecs);
    }

    /** A timestamp in the video stream's time base, in microseconds. */
    public long toMicros(long pts) {
        return Math.round(pts * 1_000_000.0 * timeBase.num() / timeBase.den());
    }

    /** A time in microseconds, in the video stream's time base (the inverse of {@link #toMicros}). */
    public long toPts(long micros) {
        return Math.round(micros * (double) timeBase.den() / (1_000_000.0 * timeBase.num()));
    }
}
