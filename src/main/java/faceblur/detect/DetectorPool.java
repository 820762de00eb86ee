package faceblur.detect;

import faceblur.timing.StageTimes;
import faceblur.timing.Stage;
import ai.onnxruntime.OrtException;
import faceblur.FaceblurException;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Several detectors working on different frames at once. YuNet is too small for ONNX Runtime to spread one
 * image over several cores (two threads gave no gain here), but one session per core on separate frames
 * scales almost linearly.
 */
public final class DetectorPool implements AutoCloseable {

    private final List<Slot> slots = new ArrayList<>();
    private final BlockingQueue<Slot> idle;
    private final ExecutorService workers;
    private final DetectorSettings settings;
    private final Path model;

    /**
     * One session, which {@link #trim()} may close and the next detection opens again. Owned by whoever took
     * it from the idle queue, so it needs no lock.
     */
    private final class Slot {
        private FaceDetector detector;

        Slot(FaceDetector detector) {
            this.detector = detector;
        }

        FaceDetector open() throws OrtException {
            if (detector == null) {
                detector = new FaceDetector(model, perSession());
            }
            return detector;
        }

        void release() {
            if (detector != null) {
                try {
                    detector.close();
                } catch (OrtException ignored) {
                    // Freeing a session; nothing to recover.
                }
                detector = null;
            }
        }
    }

    /** One session per thread, loaded from {@code model}; a file ONNX Runtime cannot load is named. */
    public DetectorPool(Path model, DetectorSettings settings) {
        this.settings = settings;
        this.model = model;
        int n = settings.threads();
        idle = new ArrayBlockingQueue<>(n);
        long opening = StageTimes.start();
        try {
            for (int i = 0; i < n; i++) {
                Slot slot = new Slot(new FaceDetector(model, perSession()));
                slots.add(slot);
                idle.add(slot);
            }
        } catch (OrtException e) {
            closeDetectors();
            throw new FaceblurException(model + ": not a usable face model (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeDetectors();
            throw e;
        }
        StageTimes.stop(Stage.SESSIONS, opening);
        workers = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "face-detector");
            t.setDaemon(true);
            return t;
        });
    }

    private DetectorSettings perSession() {
        return new DetectorSettings(settings.threshold(), settings.nmsIou(), settings.upscale(), 1);
    }

    public int size() {
        return slots.size();
    }

    public DetectorSettings settings() {
        return settings;
    }

    /**
     * Refuses, before any work, a video whose frames are too large to detect faces in: the detector's memory
     * grows with the picture. Says how to make it fit.
     */
    public void checkFrameSize(String name, int width, int height) {
        double upscale = settings.upscale();
        if (FaceDetector.networkPixels(width, height, upscale) <= FaceDetector.MAX_PIXELS) {
            return;
        }
        // The largest round factor (a multiple of 0.05) whose picture, margins included, fits.
        double suggestion = Math.floor(Math.sqrt((double) FaceDetector.MAX_PIXELS / ((double) width * height)) * 20) / 20;
        while (suggestion > 0.05 && FaceDetector.networkPixels(width, height, suggestion) > FaceDetector.MAX_PIXELS) {
            suggestion -= 0.05;
        }
        String smaller = suggestion >= DetectorSettings.MIN_UPSCALE
                ? String.format(Locale.ROOT, "pass --upscale %.2f, or scale it down first", suggestion) : "scale it down first";
        throw new FaceblurException(String.format(Locale.ROOT, "%s: its %dx%d frames are too large to find faces "
                        + "in (at most %.1f megapixels a frame, such as 4096x2160, after --upscale %.2f); %s: "
                        + "ffmpeg -i %s -vf scale=-2:2160 -c:a copy smaller.mp4",
                name, width, height, FaceDetector.MAX_PIXELS / 1e6, upscale, smaller, name));
    }

    /** Detects faces in {@code image}, which the pool now owns and closes when done. */
    public Future<List<Detection>> submit(Mat image) {
        return submit(image, settings.upscale());
    }

    /**
     * Detects faces in {@code image} enlarged by {@code scale} (instead of the settings' upscale), in the image's
     * own pixels; the pool now owns the image and closes it when done.
     */
    public Future<List<Detection>> submit(Mat image, double scale) {
        return workers.submit(() -> {
            Slot slot = idle.take();
            try (image) {
                long detecting = StageTimes.start();
                List<Detection> faces = slot.open().detect(image, scale);
                StageTimes.stop(Stage.DETECT, detecting);
                return faces;
            } finally {
                idle.add(slot);
            }
        });
    }

    /**
     * Frees the working memory of the sessions not detecting now; they are opened again (a fraction of a second
     * each) when next needed. ONNX Runtime keeps what its largest picture needed, about 120 bytes a pixel per
     * session, for the session's life: some 500 MB with two sessions at 1080p, which a render that follows
     * the detection would otherwise hold on top of its own.
     */
    public void trim() {
        List<Slot> taken = new ArrayList<>();
        idle.drainTo(taken);
        taken.forEach(Slot::release);
        idle.addAll(taken);
    }

    private void closeDetectors() {
        slots.forEach(Slot::release);
    }

    /**
     * Stops the workers and frees the sessions. Frames not yet started are cancelled. A detection already
     * running is waited for, even when the closing thread is interrupted (as when a stopping server interrupts
     * its jobs). Freeing a session while ONNX Runtime is still running it crashes the whole process.
     */
    @Override
    public synchronized void close() { // a stop signal's thread and the command's own may close it together
        if (workers != null) {
            for (Runnable notStarted : workers.shutdownNow()) {
                if (notStarted instanceof Future<?> frame) {
                    frame.cancel(false);
                }
            }
            if (!awaitWorkers(TimeUnit.SECONDS.toNanos(30))) {
                return; // still running after 30 s: leave its session alone rather than crash
            }
        }
        closeDetectors();
    }

    /** Waits for the workers to end, through interrupts, which it passes on afterwards. */
    private boolean awaitWorkers(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return workers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
