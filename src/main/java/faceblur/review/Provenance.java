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
 * @param text        how text was found, or null where it was not looked for
 */
public record Provenance(String engine, SourceFile model, DetectorSettings detector, DetectionSchedule schedule,
                         TrackerSettings tracking, Text text) {

    /**
     * How text was found.
     *
     * @param model the text detection model file
     * @param every text was looked for on every this-th frame
     */
    public record Text(SourceFile model, int every) {
    }

    /** Faces only. */
    public Provenance(String engine, SourceFile model, DetectorSettings detector, DetectionSchedule schedule,
                      TrackerSettings tracking) {
        this(engine, model, detector, schedule, tracking, null);
    }

    public Provenance withText(Text found) {
        return new Provenance(engine, model, detector, schedule, tracking, found);
    }
}
