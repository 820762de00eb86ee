package faceblur.text;

import faceblur.FaceblurException;
import faceblur.detect.Detection;
import faceblur.engine.FrameWatcher;
import faceblur.track.Observation;
import faceblur.video.DecodedFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The text of one video, found during the face analysis pass: every {@code every}-th frame goes to the text
 * detector on its own thread while decoding and face detection go on; its boxes become observations that the
 * face tracker links into tracks of their own, so gaps, extensions, camera motion and shot cuts apply to text as
 * to faces. The boxes are the text's own, as {@code detect} writes them; {@link HiddenTracks} makes them masks. At most {@link #IN_FLIGHT} frames wait,
 * after which decoding waits for the text detector.
 */
public final class VideoText implements FrameWatcher {

    static final int IN_FLIGHT = 2;

    private record Pending(long micros, Future<List<Detection>> boxes) {
    }

    private final TextDetector detector;
    private final ExecutorService worker;
    private final int every;
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    private final List<Observation> observations = new ArrayList<>();

    VideoText(TextDetector detector, ExecutorService worker, int every) {
        this.detector = detector;
        this.worker = worker;
        this.every = every;
    }

    @Override
    public void frame(DecodedFrame frame) {
        if (frame.index() % every != 0) {
            return;
        }
        if (inFlight.size() >= IN_FLIGHT) {
            deliver(inFlight.removeFirst());
        }
        Mat image = frame.image().clone();
        inFlight.addLast(new Pending(frame.micros(), worker.submit(() -> {
            try (image) {
                return detector.detect(image);
            }
        })));
    }

    /** The text seen on each frame looked at, in time order; waits for the last. */
    public List<Observation> observations() {
        while (!inFlight.isEmpty()) {
            deliver(inFlight.removeFirst());
        }
        return List.copyOf(observations);
    }

    private void deliver(Pending p) {
        try {
            observations.add(new Observation(p.micros(), p.boxes().get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceblurException("interrupted while finding text");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FaceblurException fe) {
                throw fe;
            }
            throw new FaceblurException("text detection failed (" + e.getCause() + ")", e.getCause());
        }
    }
}
