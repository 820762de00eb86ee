package faceblur.photo;

import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.DetectorPool;
import faceblur.detect.YuNetDecoder;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Faces in one photo: the detector's normal pass, plus a pass over the picture enlarged {@link #EXTRA_SCALE}
 * times, which finds faces too small for the first (its faces under {@link #SMALL_FACE} px are kept), and for a
 * large photo a pass over it shrunk, which finds faces too large for the first; all merged by non-maximum
 * suppression. For one image the extra time is cheap. The enlarged pass runs over tiles of {@link #TILE} pixels overlapping by
 * {@link #OVERLAP}, so that a large photo's enlarged copy never needs to be in memory at once, and all of them go
 * to the pool's detectors together.
 */
public final class PhotoDetector {

    /** The enlarged pass's factor over the detector's own upscale. */
    static final double EXTRA_SCALE = 2;
    /** The largest detector upscale (see DetectorSettings). */
    private static final double MAX_SCALE = 4;
    /**
     * The enlarged pass contributes faces shorter than this (in the photo's pixels) only. Larger faces are the
     * normal pass's: on the WIDER photos the enlarged pass's own large detections were nearly all false (patterned
     * shirts, instrument bells), and counting them cut the precision of faces of 128 px and more from 0.49 to 0.14.
     */
    static final int SMALL_FACE = 32;
    static final int TILE = 1024;
    /**
     * Tiles overlap by this much, so a face up to this size lies whole in some tile; a face the enlarged pass sees
     * crossing a tile's inner edge is left to the tile beside it (or, when larger, to the normal pass).
     */
    static final int OVERLAP = 64;

    /**
     * A photo longer than this on its long side also gets a pass shrunk to {@link #REDUCED_SIDE}: YuNet finds a
     * face of a few hundred pixels whole, but one filling a 12-megapixel portrait (1000 px and more) only in
     * pieces, an eye or a mouth at a time.
     */
    static final int REDUCE_ABOVE = 1536;
    static final int REDUCED_SIDE = 1024;

    /**
     * One image sent to the detectors: the area of the picture it shows, and whether only small faces wholly
     * inside it count (the enlarged pass's tiles).
     */
    private record Part(Rect area, Future<List<Detection>> detections, boolean smallFacesOnly) {
    }

    private final DetectorPool pool;

    public PhotoDetector(DetectorPool pool) {
        this.pool = pool;
    }

    /** Every pass, merged. All their images go to the detectors before any result is awaited. */
    public List<Detection> detect(Mat picture) {
        List<Part> parts = new ArrayList<>();
        parts.add(normal(picture));
        parts.addAll(enlarged(picture));
        int longSide = Math.max(picture.cols(), picture.rows());
        if (longSide > REDUCE_ABOVE) {
            parts.add(new Part(whole(picture), pool.submit(picture.clone(), (double) REDUCED_SIDE / longSide), false));
        }
        return YuNetDecoder.nonMaximumSuppression(collect(parts, picture), pool.settings().nmsIou());
    }

    /** The detector's pass alone, as on a video frame. */
    public List<Detection> normalPass(Mat picture) {
        return collect(List.of(normal(picture)), picture);
    }

    private Part normal(Mat picture) {
        return new Part(whole(picture), pool.submit(picture.clone()), false);
    }

    /** The enlarged pass's tiles. */
    private List<Part> enlarged(Mat picture) {
        double scale = Math.min(MAX_SCALE, pool.settings().upscale() * EXTRA_SCALE);
        List<Part> parts = new ArrayList<>();
        for (int y : starts(picture.rows())) {
            for (int x : starts(picture.cols())) {
                Rect area = new Rect(x, y, Math.min(TILE, picture.cols() - x), Math.min(TILE, picture.rows() - y));
                try (Mat view = new Mat(picture, area)) {
                    parts.add(new Part(area, pool.submit(view.clone(), scale), true));
                }
            }
        }
        return parts;
    }

    private static Rect whole(Mat picture) {
        return new Rect(0, 0, picture.cols(), picture.rows());
    }

    /** The faces the parts found, in the picture's pixels. */
    private static List<Detection> collect(List<Part> parts, Mat picture) {
        List<Detection> found = new ArrayList<>();
        for (Part part : parts) {
            Rect a = part.area();
            for (Detection d : await(part.detections())) {
                Detection inPicture = d.shifted(a.x(), a.y());
                Box b = inPicture.box();
                if (!part.smallFacesOnly()
                        || b.height() < SMALL_FACE && insideInnerEdges(b, a, picture.cols(), picture.rows())) {
                    found.add(inPicture);
                }
            }
        }
        return found;
    }

    /** Where tiles start along a side, each {@code TILE - OVERLAP} after the last, the last reaching the end. */
    static List<Integer> starts(int side) {
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; ; s += TILE - OVERLAP) {
            starts.add(s);
            if (s + TILE >= side) {
                return starts;
            }
        }
    }

    /** Whether a box stays within the tile on every side where the tile borders another (not the picture's edge). */
    private static boolean insideInnerEdges(Box b, Rect tile, int width, int height) {
        return (tile.x() == 0 || b.x() >= tile.x())
                && (tile.y() == 0 || b.y() >= tile.y())
                && (tile.x() + tile.width() == width || b.right() <= tile.x() + tile.width())
                && (tile.y() + tile.height() == height || b.bottom() <= tile.y() + tile.height());
    }

    private static List<Detection> await(Future<List<Detection>> detections) {
        try {
            return detections.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceblurException("interrupted while finding faces");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FaceblurException fe) {
                throw fe;
            }
            throw new FaceblurException("face detection failed (" + e.getCause() + ")", e.getCause());
        }
    }
}
