package faceblur.eval;

import faceblur.FaceblurException;
import faceblur.detect.Box;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Face boxes in a video, one line per face per frame, in the MOT challenge's CSV layout
 * {@code frame,id,x,y,w,h}: frames counted from 1, boxes in pixels. A seventh column may say {@code face} or
 * {@code head} (a head seen from behind, as people mark real footage: bench/marks); MOT's numeric further
 * columns (confidence, class, visibility) are ignored, and a first line that is not numbers is taken as a header.
 */
public record MotGroundTruth(List<Face> faces) {

    /**
     * One face on one frame; {@code head} when what is marked is a head with no face showing (seen from
     * behind): neither a leak when left visible nor a false mask when hidden.
     */
    public record Face(int frame, int id, Box box, boolean head) {

        public Face(int frame, int id, Box box) {
            this(frame, id, box, false);
        }
    }

    public MotGroundTruth {
        faces = List.copyOf(faces);
    }

    public static MotGroundTruth read(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new FaceblurException(csv + ": no such file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new FaceblurException(csv + ": cannot be read (" + e.getMessage() + ")");
        }
        List<Face> faces = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (faces.isEmpty() && isHeader(line))) {
                continue;
            }
            faces.add(parse(line, csv + " line " + (i + 1)));
        }
        if (faces.isEmpty()) {
            throw new FaceblurException(csv + ": no face boxes (expected lines of frame,id,x,y,w,h)");
        }
        return new MotGroundTruth(faces);
    }

    private static boolean isHeader(String line) {
        return !Character.isDigit(line.charAt(0)) && line.charAt(0) != '-';
    }

    private static Face parse(String line, String where) {
        String[] f = line.split("\\s*,\\s*");
        if (f.length < 6) {
            throw new FaceblurException(where + ": expected frame,id,x,y,w,h, got '" + line + "'");
        }
        try {
            int frame = Integer.parseInt(f[0]);
            int id = (int) Double.parseDouble(f[1]); // some tools write ids as 1.0
            Box box = new Box(Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]));
            if (frame < 1) {
                throw new FaceblurException(where + ": frames are counted from 1, got " + frame);
            }
            if (!(box.width() > 0 && box.height() > 0)) {
                throw new FaceblurException(where + ": the box must have a positive width and height, got '" + line + "'");
            }
            return new Face(frame, id, box, f.length > 6 && isHead(f[6], where));
        } catch (NumberFormatException e) {
            throw new FaceblurException(where + ": expected numbers frame,id,x,y,w,h, got '" + line + "'");
        }
    }

    /** A seventh column's kind: face or head; a number (MOT's confidence) is a face. */
    private static boolean isHead(String kind, String where) {
        if (kind.equalsIgnoreCase("head")) {
            return true;
        }
        if (kind.equalsIgnoreCase("face") || kind.isEmpty() || Character.isDigit(kind.charAt(0)) || kind.charAt(0) == '-') {
            return false;
        }
        throw new FaceblurException(where + ": the seventh column is face or head (or a number), got '" + kind + "'");
    }

    /** The faces on each frame that has any, by frame number (from 1). */
    public Map<Integer, List<Face>> byFrame() {
        return faces.stream().collect(Collectors.groupingBy(Face::frame, TreeMap::new, Collectors.toList()));
    }

    /** The highest frame number named. */
    public int lastFrame() {
        return faces.stream().mapToInt(Face::frame).max().orElse(0);
    }
}
