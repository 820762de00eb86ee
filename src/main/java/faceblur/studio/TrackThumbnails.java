package faceblur.studio;

import faceblur.detect.Box;
import faceblur.engine.ProgressListener;
import faceblur.redact.PixelArea;
import faceblur.review.Findings;
import faceblur.review.ReviewJson;
import faceblur.track.Track;
import faceblur.track.TrackPoint;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The pictures that let a reviewer recognise each person: for every found track, a few of its own sightings,
 * the largest and most confident spread over its time, cut from its frames in one decoding pass and scored by
 * sharpness, so the page can show the clearest. Stored as JPEG files with an index.
 */
final class TrackThumbnails {

    /** One picture of a track: the frame it was cut from and how sharp and large it is (higher is better). */
    record Thumb(int frame, String file, double score) {
    }

    static final String INDEX = "index.json";
    /** Thumbnails are this tall. */
    static final int HEIGHT = 96;
    /** Sightings cut per track; the page shows the best few within each piece of it. */
    private static final int PER_TRACK = 6;
    /** Candidates of one track are at least this far apart, so they show different moments. */
    private static final long SPACING_MICROS = 400_000;
    /** Around the face box, for hair and outline: people recognise heads, not boxes. */
    private static final double MARGIN = 1.5;

    private TrackThumbnails() {
    }

    /** Cuts the thumbnails of every found track, faces and text, into {@code dir} and returns them by track id. */
    static Map<Integer, List<Thumb>> make(Path video, Findings findings, Path dir, ProgressListener progress) {
        Map<Integer, List<Candidate>> byFrame = new TreeMap<>();
        for (Track t : findings.allTracks()) {
            for (TrackPoint p : candidates(t)) {
                byFrame.computeIfAbsent(findings.frameAt(p.micros()), f -> new ArrayList<>())
                        .add(new Candidate(t.id(), p.detection().box()));
            }
        }
        Map<Integer, List<Thumb>> thumbs = new TreeMap<>();
        createDirectories(dir);
        try (VideoReader reader = VideoReader.open(video)) {
            progress.begin("making thumbnails", findings.frameCount());
            for (DecodedFrame f = reader.next(); f != null && !byFrame.isEmpty(); f = reader.next()) {
                List<Candidate> here = byFrame.remove(f.index());
                if (here != null) {
                    Mat image = f.image();
                    for (Candidate c : here) {
                        Thumb t = cut(image, c, f.index(), dir);
                        if (t != null) {
                            thumbs.computeIfAbsent(c.track(), k -> new ArrayList<>()).add(t);
                        }
                    }
                }
                progress.frameDone();
            }
            progress.end();
        }
        writeIndex(dir, thumbs);
        return thumbs;
    }

    /**
     * The best {@code count} of a found track's thumbnails for the piece of it seen on frames {@code first} to
     * {@code last}, in frame order. A piece left by a split or a cut range may hold none of the few frames cut:
     * then the one nearest to it stands in (the same face, moments away), so no person is listed without a face.
     */
    static List<Thumb> shown(List<Thumb> all, int first, int last, int count) {
        List<Thumb> inside = all.stream().filter(x -> x.frame() >= first && x.frame() <= last)
                .sorted(Comparator.comparingDouble(Thumb::score).reversed())
                .limit(count)
                .sorted(Comparator.comparingInt(Thumb::frame)).toList();
        if (!inside.isEmpty()) {
            return inside;
        }
        return all.stream().min(Comparator.comparingInt((Thumb x) -> Math.max(first - x.frame(), x.frame() - last)))
                .map(List::of).orElse(List.of());
    }

    private record Candidate(int track, Box box) {
    }

    /** The largest, most confident sightings of a track, at least {@link #SPACING_MICROS} apart. */
    private static List<TrackPoint> candidates(Track t) {
        List<TrackPoint> ranked = new ArrayList<>(t.points());
        ranked.sort(Comparator.comparingDouble((TrackPoint p) -> -p.detection().box().area() * p.detection().confidence()));
        List<TrackPoint> chosen = new ArrayList<>();
        for (TrackPoint p : ranked) {
            if (chosen.stream().allMatch(c -> Math.abs(c.micros() - p.micros()) >= SPACING_MICROS)) {
                chosen.add(p);
                if (chosen.size() == PER_TRACK) {
                    break;
                }
            }
        }
        return chosen;
    }

    private static Thumb cut(Mat image, Candidate c, int frame, Path dir) {
        try (Mat small = picture(image, c.box().scaledAboutCenter(MARGIN))) {
            if (small == null) {
                return null;
            }
            String file = "f" + c.track() + "-" + frame + ".jpg";
            write(dir.resolve(file), Jpeg.encode(small, FrameImages.QUALITY));
            return new Thumb(frame, file, sharpness(small) * Math.sqrt(c.box().area()));
        }
    }

    /**
     * The part of {@code image} inside {@code box}, scaled to {@link #HEIGHT} pixels tall (a new picture, the
     * caller's to close), or null when less than 2x2 pixels of it lie in the picture.
     */
    static Mat picture(Mat image, Box box) {
        PixelArea a = PixelArea.of(box, image.cols(), image.rows());
        if (a == null || a.width() < 2 || a.height() < 2) {
            return null;
        }
        try (Rect rect = new Rect(a.x(), a.y(), a.width(), a.height()); Mat part = new Mat(image, rect)) {
            return sized(part);
        }
    }

    /** {@code image} scaled to {@link #HEIGHT} pixels tall (a new picture). */
    private static Mat sized(Mat image) {
        int width = Math.max(1, (int) Math.round(image.cols() * (double) HEIGHT / image.rows()));
        Mat out = new Mat();
        try (Size size = new Size(width, HEIGHT)) {
            resize(image, out, size, 0, 0, INTER_AREA);
        }
        return out;
    }

    /** The variance of the Laplacian: high where edges are crisp, low in a blurred or flat picture. */
    private static double sharpness(Mat bgr) {
        try (Mat gray = new Mat(); Mat edges = new Mat(); Mat mean = new Mat(); Mat deviation = new Mat()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            Laplacian(gray, edges, CV_64F);
            meanStdDev(edges, mean, deviation);
            try (DoubleIndexer ix = deviation.createIndexer()) {
                double sd = ix.get(0);
                return sd * sd;
            }
        }
    }

    static void writeIndex(Path dir, Map<Integer, List<Thumb>> thumbs) {
        Map<String, List<Thumb>> byName = new LinkedHashMap<>();
        thumbs.forEach((k, v) -> byName.put(String.valueOf(k), v));
        try {
            Files.write(dir.resolve(INDEX), ReviewJson.mapper().writeValueAsBytes(byName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The thumbnails of found tracks, as {@link #make} stored them; empty if there are none. */
    static Map<Integer, List<Thumb>> read(Path dir) {
        Path index = dir.resolve(INDEX);
        Map<Integer, List<Thumb>> thumbs = new HashMap<>();
        if (!Files.exists(index)) {
            return thumbs;
        }
        try {
            Map<String, List<Thumb>> byName = ReviewJson.mapper().readValue(index.toFile(),
                    ReviewJson.mapper().getTypeFactory().constructMapType(Map.class,
                            ReviewJson.mapper().getTypeFactory().constructType(String.class),
                            ReviewJson.mapper().getTypeFactory().constructCollectionType(List.class, Thumb.class)));
            byName.forEach((k, v) -> thumbs.put(Integer.valueOf(k), v));
            return thumbs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
