package faceblur.review;

import faceblur.detect.DetectorSettings;
import faceblur.engine.DetectionSchedule;
import faceblur.track.TrackerSettings;

/**
 * How the findings were made, so that a report can say it and a reader can make them again.
 *
 * @param engine      faceblur's version
 * @param model       the face model file
 * @param detector    the detector's settings (threads do not change what is found)
 * @param schedule    which frames the detector looked at, and at what size
 * @param tracking    how detections were linked and extended
 */
public record Provenance(String engine, SourceFile model, DetectorSettings detector, DetectionSchedule schedule,
                         TrackerSettings tracking) {
}
