package faceblur.track;

import faceblur.detect.Box;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Answers "which faces are on screen at this time?" for frames asked in time order, as the renderer does.
 * Tracks enter an active set when their extended span begins and leave it when it ends.
 */
public final class FaceTimeline {

    private final List<Track> byStart;
    private final List<Track> active = new ArrayList<>();
    private int nextTrack;
    private long lastAsked = Long.MIN_VALUE;

    /** Box sizes are smoothed over this many sightings either side. */
    static final int SMOOTHING_RADIUS = 2;

    public FaceTimeline(List<Track> tracks) {
        this.byStart = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            byStart.add(t.withSmoothedSizes(SMOOTHING_RADIUS));
        }
        byStart.sort(Comparator.comparingLong(Track::startMicros));
    }

    public int trackCount() {
        return byStart.size();
    }

    /** The face boxes at {@code micros}; times must not go backwards between calls. */
    public List<Box> boxesAt(long micros) {
        if (micros < lastAsked) {
            throw new IllegalStateException("times must be asked in order");
        }
        lastAsked = micros;
        while (nextTrack < byStart.size()
                && byStart.get(nextTrack).startMicros() <= micros) {
            active.add(byStart.get(nextTrack++));
        }
        active.removeIf(t -> t.endMicros() < micros);
        List<Box> boxes = new ArrayList<>(active.size());
        for (Track t : active) {
            boxes.addAll(t.boxesAt(micros));
        }
        return boxes;
    }
}
