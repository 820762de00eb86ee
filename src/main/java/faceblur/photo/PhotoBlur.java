package faceblur.photo;

import faceblur.FaceblurException;
import faceblur.detect.DetectorPool;
import faceblur.detect.Detection;
import faceblur.redact.Outliner;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Redactor;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/** One photo through faceblur: read upright, find the faces (two passes), hide them, write pixels only. */
public final class PhotoBlur {

    private final PhotoDetector detector;

    /** Uses {@code detectors}, which stay the caller's to close. */
    public PhotoBlur(DetectorPool detectors) {
        this.detector = new PhotoDetector(detectors);
    }

    /** The format a photo is read and written in, from its name; a name of another kind is refused. */
    public static PhotoFormat formatOf(Path file) {
        return PhotoFormat.of(file).orElseThrow(() -> new FaceblurException(file
                + ": not a photo name (.jpg, .jpeg, .png or .webp)"));
    }

    /** The faces of the photo {@code input}, a file of {@code inputFormat}. */
    public PhotoFaces detect(Path input, PhotoFormat inputFormat) {
        return detect(input, inputFormat, picture -> { });
    }

    /** As {@link #detect(Path, PhotoFormat)}, also showing the upright picture to {@code alsoLook} (text). */
    public PhotoFaces detect(Path input, PhotoFormat inputFormat, Consumer<Mat> alsoLook) {
        try (Mat picture = PhotoFile.read(input, inputFormat)) {
            alsoLook.accept(picture);
            return faces(picture);
        }
    }

    /**
     * Writes {@code input}, a file of {@code inputFormat} (its name may say nothing, as a cached download's), with
     * every face hidden to {@code target} (any name, such as a temporary file) in {@code format}, and returns the
     * faces hidden.
     */
    public PhotoFaces blur(Path input, PhotoFormat inputFormat, RedactionSettings redaction, PhotoFormat format,
                           Path target) {
        return blur(input, inputFormat, redaction, format, target, true, picture -> List.of());
    }

    /**
     * As {@link #blur(Path, PhotoFormat, RedactionSettings, PhotoFormat, Path)}, hiding the faces only when
     * {@code hideFaces}, and also whatever {@code alsoHide} finds in the upright picture (text), as boxes the
     * redactor treats as faces. Returns the faces found, hidden or not.
     */
    public PhotoFaces blur(Path input, PhotoFormat inputFormat, RedactionSettings redaction, PhotoFormat format,
                           Path target, boolean hideFaces, Function<Mat, List<Detection>> alsoHide) {
        try (Mat picture = PhotoFile.read(input, inputFormat)) {
            PhotoFaces faces = hideFaces ? faces(picture) : new PhotoFaces(picture.cols(), picture.rows(), List.of());
            List<Detection> hidden = new ArrayList<>(faces.faces());
            hidden.addAll(alsoHide.apply(picture));
            if (redaction.style().hides()) {
                new Redactor(redaction).apply(picture, hidden.stream().map(Detection::box).toList());
            } else {
                new Outliner(redaction).draw(picture, hidden.stream().map(d -> new Outliner.Outline(d.box(),
                        String.format(Locale.ROOT, "%.2f", d.confidence()), true)).toList());
            }
            PhotoFile.write(picture, format, target);
            return faces;
        }
    }

    private PhotoFaces faces(Mat picture) {
        List<Detection> found = detector.detect(picture);
        return new PhotoFaces(picture.cols(), picture.rows(), found);
    }
}
