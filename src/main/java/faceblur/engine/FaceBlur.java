package faceblur.engine;

import ai.onnxruntime.OrtException;
import faceblur.FaceblurException;
import faceblur.detect.DetectorSettings;
import faceblur.detect.DetectorPool;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Redactor;
import faceblur.track.FaceTimeline;
import faceblur.track.Observation;
import faceblur.track.Track;
import faceblur.track.Tracker;
import faceblur.track.TrackerSettings;
import faceblur.video.Container;
import faceblur.video.EncoderSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * The engine, one video at a time: analyse (decode, detect), link into tracks, render (decode, hide, encode).
 * The CLI and any server call this; none of them holds engine logic. Owns the detector's native session.
 */
public final class FaceBlur implements AutoCloseable {

    private final DetectorPool detector;
    private final int detectEvery;
    private final TrackerSettings tracking;

    private FaceBlur(DetectorPool detector, int detectEvery, TrackerSettings tracking) {
        this.detector = detector;
        this.detectEvery = detectEvery;
        this.tracking = tracking;
    }

    /**
     * An engine with detectors loaded from {@code model}, one per thread, run on every {@code detectEvery}-th
     * frame.
     */
    public static FaceBlur withDetector(Path model, DetectorSettings detection, int detectEvery,
                                        TrackerSettings tracking) {
        try {
            return new FaceBlur(new DetectorPool(model, detection), detectEvery, tracking);
        } catch (OrtException e) {
            throw new FaceblurException(model + ": not a usable face model (" + e.getMessage() + ")", e);
        }
    }

    /** An engine that only renders given detections. */
    public static FaceBlur withoutDetector(TrackerSettings tracking) {
        return new FaceBlur(null, 1, tracking);
    }

    public Analysis analyse(Path input, ProgressListener progress) {
        if (detector == null) {
            throw new IllegalStateException("this engine has no detector");
        }
        return new Analyzer(detector, detectEvery).analyse(input, progress);
    }

    public List<Track> track(List<Observation> observations) {
        return Tracker.link(observations, tracking);
    }

    /** Renders {@code input} with every face of {@code tracks} hidden; returns the number of frames written. */
    public int render(Path input, List<Track> tracks, RedactionSettings redaction, EncoderSettings encoding,
                      Path target, Container container, ProgressListener progress) {
        Renderer renderer = new Renderer(new Redactor(redaction), encoding);
        return renderer.render(input, new FaceTimeline(tracks), target, container, progress);
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
    }
}
