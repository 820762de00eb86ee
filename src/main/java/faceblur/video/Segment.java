package faceblur.video;

/**
 * A stretch of a video, as a half-open range of frame times: the frames shown at {@code startMicros} or later
 * and before {@code endMicros}, in microseconds from the first frame (the clock of
 * {@code DecodedFrame.micros()} and {@code Observation.micros()}). A plan's segments tile the video: the first
 * starts at 0, each next one where the previous ends, each on a keyframe, and the last ends at
 * {@link Long#MAX_VALUE}, after the last frame whatever the decoder makes of the file's end.
 *
 * @param index the segment's place in the plan, from 0: the order the rendered pieces are joined in
 */
public record Segment(int index, long startMicros, long endMicros) {

    public Segment {
        if (index < 0 || startMicros < 0 || endMicros <= startMicros) {
            throw new IllegalArgumentException("not a segment: #" + index + " [" + startMicros + ", " + endMicros + ")");
        }
    }

    /** Whether a frame shown at {@code micros} belongs to this segment. */
    public boolean contains(long micros) {
        return micros >= startMicros && micros < endMicros;
    }
}
