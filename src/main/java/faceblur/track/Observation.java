package faceblur.track;

import faceblur.detect.Detection;

import java.util.List;

/** The faces seen at one moment of the video: one analysed frame, or one time in a detection result. */
public record Observation(long micros, List<Detection> detections) {

    public Observation {
        detections = List.copyOf(detections);
    }
}
