package faceblur.engine;

import faceblur.FaceblurException;
import faceblur.detect.Detection;
import faceblur.detect.DetectorPool;
import faceblur.track.Observation;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

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

    private record Pending(long micros, Future<List<Detection>> faces) {
    }

    public Analysis analyse(Path input, ProgressListener progress) {
        try (VideoReader reader = VideoReader.open(input)) {
            List<Observation> observations = new ArrayList<>();
            // A few frames in flight per detector keeps every core busy while bounding memory.
            int maxInFlight = 2 * detectors.size();
            Deque<Pending> inFlight = new ArrayDeque<>();
            progress.begin("finding faces", Frames.estimate(reader.info()));
            for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
                if (frame.index() % detectEvery == 0) {
                    if (inFlight.size() >= maxInFlight) {
                        observations.add(collect(inFlight.removeFirst(), input));
                    }
                    inFlight.addLast(new Pending(frame.micros(), detectors.submit(frame.image().clone())));
                }
                progress.frameDone();
            }
            while (!inFlight.isEmpty()) {
                observations.add(collect(inFlight.removeFirst(), input));
            }
            progress.end();
            reader.checkComplete();
            return new Analysis(reader.info(), reader.framesRead(), observations);
        }
    }

    private static Observation collect(Pending pending, Path input) {
        try {
            return new Observation(pending.micros(), pending.faces().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceblurException(input + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FaceblurException fe) {
                throw fe;
            }
            throw new FaceblurException(input + ": face detection failed (" + cause + ")", cause);
        }
    }
}
