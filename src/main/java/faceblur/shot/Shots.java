package faceblur.shot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The cuts of a video: the times of the frames that start a new shot, in order. Without cuts the video is one
 * shot.
 */
public record Shots(List<Long> cutMicros) {

    public static final Shots ONE = new Shots(List.of());

    public Shots {
        List<Long> sorted = new ArrayList<>(cutMicros);
        Collections.sort(sorted);
        cutMicros = List.copyOf(sorted);
    }

    /** The time the shot showing at {@code micros} began: its cut, or {@code Long.MIN_VALUE} in the first shot. */
    public long shotStart(long micros) {
        int i = Collections.binarySearch(cutMicros, micros);
        int at = i >= 0 ? i : -i - 2;
        return at >= 0 ? cutMicros.get(at) : Long.MIN_VALUE;
    }

    /** The first cut after {@code micros}, or {@code Long.MAX_VALUE} in the last shot. */
    public long nextCut(long micros) {
        int after = firstAfter(micros);
        return after < cutMicros.size() ? cutMicros.get(after) : Long.MAX_VALUE;
    }

    /** Whether a cut lies after {@code from} and at or before {@code to}: the two times are in different shots. */
    public boolean cutBetween(long from, long to) {
        int after = firstAfter(from);
        return after < cutMicros.size() && cutMicros.get(after) <= to;
    }

    /** The index of the first cut after {@code micros} (the number of cuts when there is none). */
    private int firstAfter(long micros) {
        int i = Collections.binarySearch(cutMicros, micros);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
