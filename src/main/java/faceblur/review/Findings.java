package faceblur.review;

import faceblur.FaceblurException;
import faceblur.engine.Analysis;
import faceblur.shot.FrameShift;
import faceblur.shot.Shots;
import faceblur.track.CameraPath;
import faceblur.track.Track;
import faceblur.video.VideoInfo;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the engine found in one video, fixed once analysed: a review refers to its tracks by id, so they must
 * not change under it when faceblur's tracker changes.
 *
 * @param source     the video
 * @param video      its header facts
 * @param frames     every frame's time (microseconds from the first frame), by frame number
 * @param cuts       the times of the frames that start a new shot
 * @param camera     the camera's pan and zoom, which every track follows
 * @param tracks     the faces found, each followed through its shot
 * @param provenance how they were found
 * @param texts      the text found (its own boxes, ids after the faces'), each followed through its shot; none
 *                   where text was not looked for
 */
public record Findings(SourceFile source, VideoInfo video, List<Long> frames, List<Long> cuts, CameraPath camera,
                       List<Track> tracks, Provenance provenance, List<Track> texts) {

    /** Frames a review may address, first and last included. */
    public record FrameRange(int first, int last) {
    }

    public Findings {
        frames = List.copyOf(frames);
        cuts = List.copyOf(cuts);
        tracks = List.copyOf(tracks);
        texts = texts == null ? List.of() : List.copyOf(texts);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a video has at least one frame");
        }
    }

    /** Faces only. */
    public Findings(SourceFile source, VideoInfo video, List<Long> frames, List<Long> cuts, CameraPath camera,
                    List<Track> tracks, Provenance provenance) {
        this(source, video, frames, cuts, camera, tracks, provenance, List.of());
    }

    /** The findings of an analysis pass and the tracks linked from it. */
    public static Findings of(SourceFile source, Analysis analysis, List<Track> tracks, Provenance provenance) {
        return of(source, analysis, tracks, List.of(), provenance);
    }

    /** As {@link #of(SourceFile, Analysis, List, Provenance)}, with the text tracks, numbered after the faces. */
    public static Findings of(SourceFile source, Analysis analysis, List<Track> tracks, List<Track> texts,
                              Provenance provenance) {
        List<Long> frames = analysis.shifts().stream().map(FrameShift::micros).toList();
        // The tracker gives every track of a video the same camera path; with no track there is none to follow.
        CameraPath camera = tracks.isEmpty() ? CameraPath.STILL : tracks.get(0).camera();
        return new Findings(source, analysis.info(), frames, analysis.cuts(), camera, tracks, provenance, texts);
    }

    public Shots shots() {
        return new Shots(cuts);
    }

    public int frameCount() {
        return frames.size();
    }

    /** The time of frame {@code frame}; fails with a clear message for a frame the video does not have. */
    public long micros(int frame) {
        if (frame < 0 || frame >= frames.size()) {
            throw new FaceblurException("no frame " + frame + ": the video has frames 0 to " + (frames.size() - 1));
        }
        return frames.get(frame);
    }

    /** The frame shown at {@code micros}: the last one starting at or before it (the first for earlier times). */
    public int frameAt(long micros) {
        int i = Collections.binarySearch(frames, micros);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /** The frames shown from {@code from} to {@code to} (microseconds, both included), or null when none is. */
    public FrameRange framesCovering(long from, long to) {
        int first = frameAt(from);
        if (frames.get(first) < from) {
            first++;
        }
        int last = frameAt(to);
        return first < frames.size() && first <= last && frames.get(last) <= to ? new FrameRange(first, last) : null;
    }

    /**
     * The frames {@code covering} covers, extensions included, in order: ranges that overlap or touch are one, so a
     * track cut into stretches by the reviewer's corrections still reads as one unbroken span.
     */
    public List<FrameRange> framesOf(List<Track> covering) {
        List<FrameRange> ranges = new ArrayList<>();
        for (Track t : covering) {
            FrameRange r = framesCovering(t.startMicros(), t.endMicros());
            if (r != null) {
                ranges.add(r);
            }
        }
        ranges.sort(java.util.Comparator.comparingInt(FrameRange::first));
        List<FrameRange> joined = new ArrayList<>();
        for (FrameRange r : ranges) {
            FrameRange last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null && r.first() <= last.last() + 1) {
                joined.set(joined.size() - 1, new FrameRange(last.first(), Math.max(last.last(), r.last())));
            } else {
                joined.add(r);
            }
        }
        return joined;
    }

    /**
     * The frames any of {@code ranges} covers, each once however many ranges overlap on it: how long a person is
     * on screen when several of their tracks cover the same frames (the page and triage count alike).
     */
    public static BitSet shown(Iterable<FrameRange> ranges) {
        BitSet frames = new BitSet();
        for (FrameRange r : ranges) {
            frames.set(r.first(), r.last() + 1);
        }
        return frames;
    }

    /** The frames of the shot that frame {@code frame} is in. */
    public FrameRange shotOf(int frame) {
        long at = micros(frame);
        Shots shots = shots();
        long start = shots.shotStart(at);
        long next = shots.nextCut(at);
        int first = start == Long.MIN_VALUE ? 0 : frameAt(start);
        int last = next == Long.MAX_VALUE ? frames.size() - 1 : frameAt(next) - 1;
        return new FrameRange(first, last);
    }

    /** Every found track: the faces, then the text. */
    public List<Track> allTracks() {
        List<Track> all = new ArrayList<>(tracks);
        all.addAll(texts);
        return all;
    }

    /** The found tracks by id, faces and text. */
    public Map<Integer, Track> tracksById() {
        return allTracks().stream().collect(Collectors.toMap(Track::id, Function.identity()));
    }

    /** The text's camera path: the tracker follows text on a path of its own, as it follows faces on theirs. */
    public CameraPath textCamera() {
        return texts.isEmpty() ? CameraPath.STILL : texts.get(0).camera();
    }
}
