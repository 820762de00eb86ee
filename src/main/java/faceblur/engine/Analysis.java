package faceblur.engine;

import faceblur.shot.FrameShift;
import faceblur.shot.PictureCues;
import faceblur.shot.ShotCut;
import faceblur.shot.Thumbnail;
import faceblur.track.Observation;
import faceblur.video.VideoInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the analysis pass found in a video, or in one segment of it.
 *
 * @param info         the video's header facts
 * @param frames       how many frames were decoded
 * @param observations the faces found on each analysed frame, times in microseconds from the first frame
 * @param cuts         the times of the frames that start a new shot, the first frame not counted
 * @param shifts       how far each frame's picture moved from the one before (none for the first frame)
 * @param first        the first frame's thumbnail, against which a segment before this one decides a cut
 * @param last         the last frame's thumbnail
 */
public record Analysis(VideoInfo info, int frames, List<Observation> observations, List<Long> cuts,
                       List<FrameShift> shifts, Thumbnail first, Thumbnail last) {

    public Analysis {
        observations = List.copyOf(observations);
        cuts = List.copyOf(cuts);
        shifts = List.copyOf(shifts);
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }

    /** The cuts and the camera's coarse pan, for the tracker. */
    public PictureCues cues() {
        return PictureCues.of(cuts, shifts, info.width(), info.height());
    }

    /**
     * The analysis of a whole video from those of its consecutive segments: their observations and cuts, and a
     * cut where a segment's first frame starts a new shot after the previous segment's last frame, decided from
     * the same two thumbnails as in an unsplit pass.
     */
    public static Analysis joined(List<Analysis> segments) {
        List<Analysis> ordered = new ArrayList<>(segments);
        ordered.sort(Comparator.comparingLong(a -> a.first().micros()));
        List<Observation> observations = new ArrayList<>();
        List<Long> cuts = new ArrayList<>();
        List<FrameShift> shifts = new ArrayList<>();
        int frames = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Analysis segment = ordered.get(i);
            List<FrameShift> own = segment.shifts();
            if (i > 0) {
                // The segment's first frame, compared with the previous segment's last as one pass compares them.
                ShotCut.Comparison c = ShotCut.compare(ordered.get(i - 1).last(), segment.first());
                if (c.isCut()) {
                    cuts.add(segment.first().micros());
                }
                shifts.add(c.shift(segment.first().micros()));
                own = own.subList(1, own.size());
            }
            shifts.addAll(own);
            observations.addAll(segment.observations());
            cuts.addAll(segment.cuts());
            frames += segment.frames();
        }
        observations.sort(Comparator.comparingLong(Observation::micros));
        return new Analysis(ordered.get(0).info(), frames, observations, cuts, shifts, ordered.get(0).first(),
                ordered.get(ordered.size() - 1).last());
    }
}
