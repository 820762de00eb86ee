package faceblur.photo;

import org.bytedeco.javacpp.IntPointer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;

/** The photo formats faceblur reads and writes, known by the file's extension. */
public enum PhotoFormat {
    /** Quality 95: no visible loss away from the faces, about a third of the size of quality 100. */
    JPEG(".jpg", List.of("jpg", "jpeg"), new int[]{IMWRITE_JPEG_QUALITY, 95}),
    PNG(".png", List.of("png"), new int[0]),
    /** Lossy at quality 95, as most WebP photos are. */
    WEBP(".webp", List.of("webp"), new int[]{IMWRITE_WEBP_QUALITY, 95});

    private final String extension;
    private final List<String> names;
    private final int[] encoderParameters;

    PhotoFormat(String extension, List<String> names, int[] encoderParameters) {
        this.extension = extension;
        this.names = names;
        this.encoderParameters = encoderParameters;
    }

    /** The format a file name's extension says, if it names a photo. */
    public static Optional<PhotoFormat> of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (PhotoFormat f : values()) {
            if (f.names.contains(ext)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static Optional<PhotoFormat> of(Path file) {
        return of(file.getFileName().toString());
    }

    public static boolean isPhotoName(Path file) {
        return of(file).isPresent();
    }

    public static boolean isPhotoName(String fileName) {
        return of(fileName).isPresent();
    }

    /** The extension OpenCV's encoder is chosen by. */
    String extension() {
        return extension;
    }

    IntPointer encoderParameters() {
        return new IntPointer(encoderParameters);
    }

    String label() {
        return this == WEBP ? "WebP" : name();
    }
}
