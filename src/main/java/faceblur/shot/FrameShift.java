package faceblur.shot;

/**
 * How far a frame's picture moved from the frame before, in thumbnail pixels: the camera's pan, coarsely.
 * None for a video's first frame and for the first frame of a shot.
 *
 * @param micros the frame's time
 * @param dx     across, in thumbnail pixels ({@link Thumbnail#WIDTH} across the picture)
 * @param dy     down, in thumbnail pixels ({@link Thumbnail#HEIGHT} down the picture)
 */
public record FrameShift(long micros, int dx, int dy) {
}
