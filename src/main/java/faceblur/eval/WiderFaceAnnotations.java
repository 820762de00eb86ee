package faceblur.eval;

import faceblur.FaceblurException;
import faceblur.detect.Box;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads WIDER FACE ground truth ({@code wider_face_*_bbx_gt.txt}): per image, its file name; the number of
 * faces; then one line per face, {@code x1 y1 w h blur expression illumination invalid occlusion pose}. An image
 * with no faces has a count of 0 followed by one all-zero line.
 */
public final class WiderFaceAnnotations {

    private static final int FIELDS = 10;
    private static final int INVALID_FIELD = 7;

    private WiderFaceAnnotations() {
    }

    public static List<AnnotatedImage> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FaceblurException(file + ": no such annotation file");
        }
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new FaceblurException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses the lines of an annotation file; {@code source} names it in error messages. */
    public static List<AnnotatedImage> parse(List<String> lines, String source) {
        List<AnnotatedImage> images = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < lines.size() && lines.get(i).isBlank()) {
                i++;
            }
            if (i == lines.size()) {
                return images;
            }
            String name = lines.get(i++).strip();
            int count = count(lines, i++, source);
            List<GroundTruthFace> faces = new ArrayList<>(count);
            // A count of 0 is still followed by one (all-zero) line.
            int faceLines = Math.max(1, count);
            for (int k = 0; k < faceLines; k++, i++) {
                double[] f = numbers(lines, i, source);
                Box box = new Box(f[0], f[1], f[2], f[3]);
                // WIDER also lists a few images with a count of 1 and an all-zero box: no face to find.
                if (count > 0 && box.area() > 0) {
                    faces.add(new GroundTruthFace(box, f[INVALID_FIELD] == 1));
                }
            }
            images.add(new AnnotatedImage(name, faces));
        }
    }

    private static int count(List<String> lines, int i, String source) {
        String text = i < lines.size() ? lines.get(i).strip() : "";
        try {
            int count = Integer.parseInt(text);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new FaceblurException(where(source, i) + "expected a face count, got '" + text + "'");
    }

    private static double[] numbers(List<String> lines, int i, String source) {
        if (i >= lines.size()) {
            throw new FaceblurException(where(source, i) + "the file ends where a face line was expected");
        }
        String[] parts = lines.get(i).strip().split("\\s+");
        if (parts.length != FIELDS) {
            throw new FaceblurException(where(source, i) + "expected " + FIELDS
                    + " numbers (x1 y1 w h blur expression illumination invalid occlusion pose), got '"
                    + lines.get(i).strip() + "'");
        }
        double[] values = new double[FIELDS];
        try {
            for (int k = 0; k < FIELDS; k++) {
                values[k] = Double.parseDouble(parts[k]);
            }
        } catch (NumberFormatException e) {
            throw new FaceblurException(where(source, i) + "not a number in '" + lines.get(i).strip() + "'");
        }
        return values;
    }

    private static String where(String source, int index) {
        return source + " line " + (index + 1) + ": ";
    }
}
