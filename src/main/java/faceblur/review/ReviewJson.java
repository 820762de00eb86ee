package faceblur.review;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.track.CameraMotion;
import faceblur.track.CameraPath;
import faceblur.track.Track;
import faceblur.track.TrackPoint;
import faceblur.video.VideoInfo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The files of a review: {@code project.json}, rewritten after every decision, and the findings it refers to
 * ({@code findings.json} beside it, written once, checked by SHA-256 when read). Every write goes to a
 * temporary file that replaces the old one only when complete, so a crash leaves the previous version whole.
 * Times are whole microseconds and doubles are written exactly, so reading gives back what was written.
 */
public final class ReviewJson {

    public static final String PROJECT_FILE = "project.json";
    public static final String FINDINGS_FILE = "findings.json";

    static final int FINDINGS_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            // Record components only: derived accessors such as Box.right() or Rational.isValid() are not data.
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    /** A found track in the file: its sightings as parallel arrays, compact for long videos. */
    private record TrackRecord(int id, long extendBefore, long extendAfter, long[] times, double[][] boxes) {
    }

    /** The camera path: each observation's time and pose (scale, dx, dy). */
    private record CameraRecord(long[] times, double[][] poses) {
    }

    private record FindingsRecord(String format, int version, SourceFile source, VideoInfo video,
                                  Provenance provenance, long[] frames, long[] cuts, CameraRecord camera,
                                  List<TrackRecord> tracks, CameraRecord textCamera, List<TrackRecord> texts) {
    }

    private ReviewJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes the findings; returns the SHA-256 of the bytes written, which the project records. */
    public static String writeFindings(Findings findings, Path file) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(toRecord(findings));
        } catch (IOException e) {
            throw new FaceblurException(file + ": cannot write the findings (" + e.getMessage() + ")");
        }
        replace(file, bytes);
        return sha256(bytes);
    }

    /** Reads findings, failing unless their SHA-256 is {@code expectedSha256} (null: not checked). */
    public static Findings readFindings(Path file, String expectedSha256) {
        byte[] bytes = read(file);
        if (expectedSha256 != null && !sha256(bytes).equals(expectedSha256)) {
            throw new FaceblurException(file + ": is not the findings this project was reviewed on (SHA-256 "
                    + sha256(bytes) + ", expected " + expectedSha256 + ")");
        }
        FindingsRecord r;
        try {
            r = MAPPER.readValue(bytes, FindingsRecord.class);
        } catch (IOException e) {
            throw new FaceblurException(file + ": not a faceblur findings file (" + e.getMessage() + ")");
        }
        if (r.version() != FINDINGS_VERSION) {
            throw new FaceblurException(file + ": findings version " + r.version() + " is not supported by this "
                    + "faceblur (it reads version " + FINDINGS_VERSION + ")");
        }
        return fromRecord(r);
    }

    public static void writeProject(Project project, Path file) {
        try {
            replace(file, MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(project));
        } catch (IOException e) {
            throw new FaceblurException(file + ": cannot write the project (" + e.getMessage() + ")");
        }
    }

    public static Project readProject(Path file) {
        Project p;
        try {
            p = MAPPER.readValue(read(file), Project.class);
        } catch (IOException e) {
            throw new FaceblurException(file + ": not a faceblur project file (" + e.getMessage() + ")");
        }
        if (p.version() != Project.VERSION) {
            throw new FaceblurException(file + ": project version " + p.version() + " is not supported by this "
                    + "faceblur (it reads version " + Project.VERSION + ")");
        }
        return p;
    }

    private static FindingsRecord toRecord(Findings f) {
        return new FindingsRecord("faceblur-findings", FINDINGS_VERSION, f.source(), f.video(), f.provenance(),
                f.frames().stream().mapToLong(Long::longValue).toArray(),
                f.cuts().stream().mapToLong(Long::longValue).toArray(), cameraRecord(f.camera()),
                trackRecords(f.tracks()), cameraRecord(f.textCamera()), trackRecords(f.texts()));
    }

    private static CameraRecord cameraRecord(CameraPath camera) {
        List<CameraPath.Pose> poses = camera.poses();
        long[] poseTimes = new long[poses.size()];
        double[][] poseValues = new double[poses.size()][];
        for (int i = 0; i < poses.size(); i++) {
            CameraMotion m = poses.get(i).motion();
            poseTimes[i] = poses.get(i).micros();
            poseValues[i] = new double[]{m.scale(), m.dx(), m.dy()};
        }
        return new CameraRecord(poseTimes, poseValues);
    }

    private static List<TrackRecord> trackRecords(List<Track> found) {
        List<TrackRecord> tracks = new ArrayList<>(found.size());
        for (Track t : found) {
            long[] times = new long[t.points().size()];
            double[][] boxes = new double[times.length][];
            for (int i = 0; i < times.length; i++) {
                TrackPoint p = t.points().get(i);
                Box b = p.detection().box();
                times[i] = p.micros();
                boxes[i] = new double[]{b.x(), b.y(), b.width(), b.height(), p.detection().confidence()};
            }
            tracks.add(new TrackRecord(t.id(), t.extendBeforeMicros(), t.extendAfterMicros(), times, boxes));
        }
        return tracks;
    }

    private static Findings fromRecord(FindingsRecord r) {
        CameraPath camera = camera(r.camera());
        // Findings written before text was found have neither texts nor their camera.
        List<Track> texts = r.texts() == null ? List.of() : tracks(r.texts(), camera(r.textCamera()));
        return new Findings(r.source(), r.video(), boxed(r.frames()), boxed(r.cuts()), camera,
                tracks(r.tracks(), camera), r.provenance(), texts);
    }

    private static CameraPath camera(CameraRecord c) {
        List<CameraPath.Pose> poses = new ArrayList<>();
        for (int i = 0; c != null && i < c.times().length; i++) {
            double[] p = c.poses()[i];
            poses.add(new CameraPath.Pose(c.times()[i], new CameraMotion(p[0], p[1], p[2])));
        }
        return CameraPath.of(poses);
    }

    private static List<Track> tracks(List<TrackRecord> records, CameraPath camera) {
        List<Track> tracks = new ArrayList<>();
        for (TrackRecord t : records) {
            List<TrackPoint> points = new ArrayList<>(t.times().length);
            for (int i = 0; i < t.times().length; i++) {
                double[] b = t.boxes()[i];
                points.add(new TrackPoint(t.times()[i], new Detection(new Box(b[0], b[1], b[2], b[3]), b[4], List.of())));
            }
            tracks.add(new Track(t.id(), points, t.extendBefore(), t.extendAfter(), camera));
        }
        return tracks;
    }

    private static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return list;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FaceblurException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Where a new version of {@code file} is written before it replaces the old one. */
    public static Path savingFileOf(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".saving");
    }

    /** Writes {@code bytes} to a temporary file beside {@code file}, flushes it to disk, and renames it over. */
    static void replace(Path file, byte[] bytes) {
        Path temporary = savingFileOf(file);
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap(bytes));
                out.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new FaceblurException(file + ": cannot be saved (" + e.getMessage() + ")");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
