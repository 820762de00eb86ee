package faceblur.text;

import faceblur.FaceblurException;
import faceblur.detect.Detection;
import faceblur.redact.RedactionSettings;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Hiding text beside faces: the text detector, loaded once for a whole batch, for photos and for videos.
 * Owns the detector's session and its thread.
 */
public final class TextHiding implements AutoCloseable {

    /*
     * Measured on a 720p clip (bench/plates --video): see bench/results/plates.md. Text, unlike a face, rarely
     * moves on its own; the tracks carry it between the frames looked at, as the camera moves.
     */
    public static final int DEFAULT_EVERY = 5;

    private final TextDetector detector;
    private final int every;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "text-detector");
        t.setDaemon(true);
        return t;
    });

    /** The detector on {@code model}; text is looked for on every {@code every}-th video frame. */
    public TextHiding(Path model, TextSettings settings, int every) {
        if (every < 1) {
            throw new FaceblurException("--text-every must be at least 1, got " + every);
        }
        this.detector = new TextDetector(model, settings);
        this.every = every;
    }

    /** The text of a photo, as boxes the face redactor hides whole with {@code redaction}'s mask. */
    public List<Detection> inPhoto(Mat picture, RedactionSettings redaction) {
        return inPhoto(picture).stream().map(d -> TextMasks.forFaceMask(d, redaction)).toList();
    }

    /**
     * What a photo blur hides beside faces: the text {@code text} finds (none when it is null), as masks for
     * {@code redaction}, each also added to {@code found}.
     */
    public static Function<Mat, List<Detection>> inPhotos(TextHiding text, RedactionSettings redaction,
                                                          List<Detection> found) {
        return picture -> {
            if (text != null) {
                found.addAll(text.inPhoto(picture, redaction));
            }
            return found;
        };
    }

    /** The text of a photo, its own boxes. */
    public List<Detection> inPhoto(Mat picture) {
        return detector.detect(picture);
    }

    /** A watcher for one video's analysis pass, collecting its text. */
    public VideoText forVideo() {
        return new VideoText(detector, worker, every);
    }

    /** Text is looked for on every this-th video frame. */
    public int every() {
        return every;
    }

    /** Waits for a detection still running (freeing a session in use crashes ONNX Runtime), then frees it. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return; // closed by a stop signal already, as the command's own close comes
        }
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        detector.close();
    }
}
