package faceblur.engine;

import faceblur.track.Observation;
import faceblur.video.VideoInfo;

import java.util.List;

/**
 * What the analysis pass found in a video.
 *
 * @param info         the video's header facts
 * @param frames       how many frames were decoded
 * @param observations the faces found on each analysed frame, times in microseconds from the first frame
 */
public record Analysis(VideoInfo info, int frames, List<Observation> observations) {

    public Analysis {
        observations = List.copyOf(observations);
    }
}
