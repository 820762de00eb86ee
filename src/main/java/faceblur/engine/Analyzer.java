package faceblur.engine;

import ai.onnxruntime.OrtException;
import faceblur.FaceblurException;
import faceblur.detect.FaceDetector;
import faceblur.track.Observation;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The first pass: decodes every frame and runs the face detector on it. */
public final class Analyzer {

    private final FaceDetector detector;

    public Analyzer(FaceDetector detector) {
        this.detector = detector;
    }

    public Analysis analyse(Path input, ProgressListener progress) {
        try (VideoReader reader = VideoReader.open(input)) {
            List<Observation> observations = new ArrayList<>();
            progress.begin("finding faces", Frames.estimate(reader.info()));
            long first = Long.MIN_VALUE;
            for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
                long micros = reader.info().toMicros(frame.pts());
                if (first == Long.MIN_VALUE) {
                    first = micros;
                }
                observations.add(new Observation(micros - first, detector.detect(frame.image())));
                progress.frameDone();
            }
            progress.end();
            reader.checkComplete();
            return new Analysis(reader.info(), reader.framesRead(), observations);
        } catch (OrtException e) {
            throw new FaceblurException(input + ": face detection failed (" + e.getMessage() + ")", e);
        }
    }
}
