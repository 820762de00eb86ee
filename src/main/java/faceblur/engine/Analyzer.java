package faceblur.engine;

import faceblur.FaceblurException;
import faceblur.detect.DetectorPool;
import faceblur.detect.OrderedDetections;
import faceblur.track.Observation;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The first pass: decodes every frame and runs the face detector on every {@code detectEvery}-th one, several
 * frames at a time. Frames in between are covered later by interpolating each face's track.
 */
public final class Analyzer {

    private final DetectorPool detectors;
    private final int detectEvery;

    public Analyzer(DetectorPool detectors, int detectEvery) {
        if (detectEvery < 1) {
            throw new FaceblurException("--detect-every must be at least 1, got " + detectEvery);
        }
        this.detectors = detectors;
        this.detectEvery = detectEvery;
    }

    public Analysis analyse(Path input, ProgressListener progress) {
        try (VideoReader reader = VideoReader.open(input)) {
            List<Observation> observations = new ArrayList<>();
            OrderedDetections<Long> detections = new OrderedDetections<>(detectors,
                    (micros, faces) -> observations.add(new Observation(micros, faces)));
            progress.begin("finding faces", Frames.estimate(reader.info()));
            for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
                if (frame.index() % detectEvery == 0) {
                    detections.submit(frame.micros(), input.toString(), frame.image().clone());
                }
                progress.frameDone();
            }
            detections.finish();
            progress.end();
            reader.checkComplete();
            return new Analysis(reader.info(), reader.framesRead(), observations);
        }
    }
}
