package faceblur.track;

import faceblur.detect.Detection;

/** One sighting of a tracked face. */
public record TrackPoint(long micros, Detection detection) {
}
