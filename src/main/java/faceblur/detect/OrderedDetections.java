package faceblur.detect;

import faceblur.FaceblurException;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Feeds images to a {@link DetectorPool} and hands the results back in the order the images went in. A few
 * images in flight per detector keep every core busy; beyond that, submitting waits for the oldest, which
 * bounds memory.
 *
 * @param <T> what each image stands for (a frame's time, an annotated photo)
 */
public final class OrderedDetections<T> {

    private record Pending<T>(T item, String name, Future<List<Detection>> detections) {
    }

    private final DetectorPool pool;
    private final BiConsumer<T, List<Detection>> results;
    private final int maxInFlight;
    private final Deque<Pending<T>> inFlight = new ArrayDeque<>();

    public OrderedDetections(DetectorPool pool, BiConsumer<T, List<Detection>> results) {
        this.pool = pool;
        this.results = results;
        this.maxInFlight = 2 * pool.size();
    }

    /** Detects faces in {@code image}, which is handed over and closed when done; {@code name} is for errors. */
    public void submit(T item, String name, Mat image) {
        submit(item, name, image, pool.settings().upscale());
    }

    /** As {@link #submit(Object, String, Mat)}, with the image enlarged by {@code scale} for detection. */
    public void submit(T item, String name, Mat image, double scale) {
        if (inFlight.size() >= maxInFlight) {
            deliver(inFlight.removeFirst());
        }
        inFlight.addLast(new Pending<>(item, name, pool.submit(image, scale)));
    }

    /** Waits for every image still in flight and hands over its results. */
    public void finish() {
        while (!inFlight.isEmpty()) {
            deliver(inFlight.removeFirst());
        }
    }

    private void deliver(Pending<T> p) {
        try {
            results.accept(p.item(), p.detections().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceblurException(p.name() + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FaceblurException fe) {
                throw fe;
            }
            throw new FaceblurException(p.name() + ": face detection failed (" + cause + ")", cause);
        }
    }
}
