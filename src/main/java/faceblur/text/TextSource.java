package faceblur.text;

import faceblur.FaceblurException;

import java.nio.file.Path;

/**
 * Where a text detector comes from: the model as {@code --text-model} names it (null: {@code $FACEBLUR_TEXT_MODEL},
 * then the user's cache, fetched there once), how often video frames are looked at and with how many threads.
 * A node keeps this rather
 * than a loaded detector: only jobs that hide text need the model, and each step opens its own, since a detector
 * is not shared between threads.
 *
 * @param model the explicit model file, or null to look for it as {@link TextModelLocator} does
 * @param every   text is looked for on every this-th video frame
 * @param threads ONNX Runtime threads for one picture
 */
public record TextSource(Path model, int every, int threads) {

    public TextSource {
        if (every < 1) {
            throw new FaceblurException("--text-every must be at least 1, got " + every);
        }
    }

    public static TextSource defaults() {
        return new TextSource(null, TextHiding.DEFAULT_EVERY, 1);
    }

    /** The model's file, fetched into the cache if need be; one clear error when it cannot be had. */
    public Path locate() {
        return TextModelLocator.forThisUser().locate(model);
    }

    /** The same source with its model's file found now (fetched into the cache if need be). */
    public TextSource located() {
        return new TextSource(locate(), every, threads);
    }

    /** A detector on the model; the caller closes it. */
    public TextHiding open() {
        return new TextHiding(locate(), TextSettings.defaults(Math.max(1, threads)), every);
    }
}
