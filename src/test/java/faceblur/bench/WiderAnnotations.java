package faceblur.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WIDER FACE ground truth ({@code wider_face_val_bbx_gt.txt}): per image its file name, the face count, then
 * one line per face {@code x1 y1 w h blur expression illumination invalid occlusion pose} (a count of 0 is
 * followed by one all-zero line).
 */
public final class WiderAnnotations {

    /** One annotated face, pixels of the photo, top-left origin. */
    public record Face(double x, double y, double w, double h, boolean invalid) {
        public double centerX() {
            return x + w / 2;
        }

        public double centerY() {
            return y + h / 2;
        }
    }

    private WiderAnnotations() {
    }

    /** Image file name (relative to the images folder) to its faces, in file order. */
    public static Map<String, List<Face>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<Face>> images = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size()) {
            String name = lines.get(i).strip();
            if (name.isEmpty()) {
                i++;
                continue;
            }
            int count = Integer.parseInt(lines.get(i + 1).strip());
            List<Face> faces = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                String[] f = lines.get(i + 2 + j).strip().split("\\s+");
                faces.add(new Face(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), f.length > 7 && Integer.parseInt(f[7]) != 0));
            }
            images.put(name, faces);
            i += 2 + Math.max(count, 1);
        }
        return images;
    }

    /** The faces a video's ground truth keeps: not marked invalid, with a real size. */
    public static List<Face> usable(List<Face> faces) {
        return faces.stream().filter(f -> !f.invalid() && f.w() > 0 && f.h() > 0).toList();
    }
}
