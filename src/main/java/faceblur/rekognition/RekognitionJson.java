package faceblur.rekognition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.Point;
import faceblur.rekognition.FaceDetectionResult.BoundingBox;
import faceblur.rekognition.FaceDetectionResult.FaceDetail;
import faceblur.rekognition.FaceDetectionResult.FaceDetection;
import faceblur.rekognition.FaceDetectionResult.Geometry;
import faceblur.rekognition.FaceDetectionResult.TextDetail;
import faceblur.rekognition.FaceDetectionResult.TextSighting;
import faceblur.rekognition.FaceDetectionResult.Landmark;
import faceblur.rekognition.FaceDetectionResult.VideoMetadata;
import faceblur.track.Observation;
import faceblur.track.Track;
import faceblur.track.TrackPoint;
import faceblur.video.VideoInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Converts between faceblur's tracks and Rekognition's {@code GetFaceDetection} JSON. */
public final class RekognitionJson {

    /** Landmark names in the order of {@link Detection#landmarks()}. */
    static final List<String> LANDMARK_TYPES = List.of("eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight");

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RekognitionJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static VideoMetadata metadata(VideoInfo info) {
        return new VideoMetadata(info.codec(), info.durationMicros() / 1000, info.format(),
                info.frameRate().isValid() ? info.frameRate().toDouble() : null,
                info.height(), info.width(), info.fullRange() ? "FULL" : "LIMITED");
    }

    /** A complete, succeeded response holding every sighting of every track, sorted by time. */
    public static FaceDetectionResult result(VideoInfo info, List<Track> tracks) {
        List<FaceDetection> faces = new ArrayList<>();
        for (Track track : tracks) {
            for (TrackPoint p : track.points()) {
                faces.add(new FaceDetection(Math.round(p.micros() / 1000.0), detail(p.detection(), info), track.id()));
            }
        }
        faces.sort(Comparator.comparingLong(FaceDetection::timestamp)
                .thenComparingInt(f -> f.trackId() == null ? 0 : f.trackId()));
        return new FaceDetectionResult("SUCCEEDED", null, metadata(info), null, faces);
    }

    /**
     * As {@link #result(VideoInfo, List)}, with the text tracks too, found on every {@code textEvery}-th frame:
     * their boxes are the text's own (not the masks drawn around them), their ids those of the tracks (numbered
     * after the faces', {@code HiddenTracks}), so one TrackId names one thing in the whole response.
     */
    public static FaceDetectionResult result(VideoInfo info, List<Track> faceTracks, List<Track> textTracks, int textEvery) {
        FaceDetectionResult faces = result(info, faceTracks);
        List<TextSighting> texts = new ArrayList<>();
        for (Track track : textTracks) {
            for (TrackPoint p : track.points()) {
                texts.add(new TextSighting(Math.round(p.micros() / 1000.0), textDetail(p.detection(), info.width(), info.height()),
                        track.id()));
            }
        }
        texts.sort(Comparator.comparingLong(TextSighting::timestamp).thenComparingInt(TextSighting::trackId));
        return new FaceDetectionResult(faces.jobStatus(), null, faces.videoMetadata(), null, faces.faces(), texts, textEvery);
    }

    /** The faces of one photo, as Rekognition's {@code DetectFaces} answers for an image. */
    public static DetectFacesResult photoResult(int width, int height, List<Detection> faces) {
        return new DetectFacesResult(faces.stream().map(d -> detail(d, width, height)).toList());
    }

    /** As {@link #photoResult(int, int, List)}, with the text regions found in the photo as Texts. */
    public static DetectFacesResult photoResult(int width, int height, List<Detection> faces, List<Detection> texts) {
        return new DetectFacesResult(photoResult(width, height, faces).faceDetails(), texts.stream()
                .map(d -> textDetail(d, width, height)).toList());
    }

    private static TextDetail textDetail(Detection d, double w, double h) {
        return new TextDetail(confidence(d), new Geometry(ratios(d.box(), w, h)));
    }

    private static FaceDetail detail(Detection d, VideoInfo info) {
        return detail(d, info.width(), info.height());
    }

    private static FaceDetail detail(Detection d, double w, double h) {
        List<Landmark> landmarks = new ArrayList<>();
        for (int i = 0; i < d.landmarks().size() && i < LANDMARK_TYPES.size(); i++) {
            Point p = d.landmarks().get(i);
            landmarks.add(new Landmark(LANDMARK_TYPES.get(i), (float) (p.x() / w), (float) (p.y() / h)));
        }
        return new FaceDetail(ratios(d.box(), w, h), confidence(d), landmarks);
    }

    /** A box in pixels of a {@code w x h} frame as ratios of it. */
    private static BoundingBox ratios(Box b, double w, double h) {
        return new BoundingBox((float) (b.width() / w), (float) (b.height() / h), (float) (b.x() / w), (float) (b.y() / h));
    }

    /** A detector's score 0-1 as Rekognition's Confidence 0-100. */
    private static Float confidence(Detection d) {
        return (float) Math.min(100, d.confidence() * 100);
    }

    public static void write(Object result, Path file) {
        try {
            MAPPER.writeValue(file.toFile(), result);
        } catch (IOException e) {
            throw new FaceblurException(file + ": cannot write (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads detection results: each file holds one response, or a JSON array of responses (the pages of one
     * job). All faces of all pages are merged.
     */
    public static List<FaceDetectionResult> read(List<Path> files) {
        List<FaceDetectionResult> pages = new ArrayList<>();
        for (Path file : files) {
            JsonNode root;
            try {
                root = MAPPER.readTree(Files.readAllBytes(file));
            } catch (JsonProcessingException e) {
                throw new FaceblurException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw new FaceblurException(file + ": cannot be read (" + e.getMessage() + ")");
            }
            List<JsonNode> nodes = new ArrayList<>();
            if (root != null && root.isArray()) {
                root.forEach(nodes::add);
            } else if (root != null) {
                nodes.add(root);
            }
            for (JsonNode node : nodes) {
                if (!node.isObject() || !node.has("Faces") || !node.get("Faces").isArray()) {
                    throw new FaceblurException(file + ": not a GetFaceDetection response (no \"Faces\" list)");
                }
                try {
                    pages.add(MAPPER.treeToValue(node, FaceDetectionResult.class));
                } catch (JsonProcessingException e) {
                    throw new FaceblurException(file + ": malformed face detection (" + e.getOriginalMessage() + ")");
                }
            }
        }
        return pages;
    }

    /**
     * One face of a detection result in pixels of the frame: its time, its TrackId (faceblur's results carry
     * one, Rekognition's do not) and the detection.
     */
    public record Sighting(long micros, Integer trackId, Detection detection) {
    }

    /** Every face of all pages in pixels of a {@code width x height} frame, in the order of the pages. */
    public static List<Sighting> sightings(List<FaceDetectionResult> pages, int width, int height) {
        List<Sighting> sightings = new ArrayList<>();
        for (FaceDetectionResult page : pages) {
            for (FaceDetection f : page.faces()) {
                if (f.face() != null) {
                    add(sightings, f.timestamp(), f.trackId(), f.face().boundingBox(), f.face().confidence(), width, height);
                }
            }
        }
        return sightings;
    }

    /** Every text region of all pages (faceblur's Texts) in pixels of a {@code width x height} frame. */
    public static List<Sighting> textSightings(List<FaceDetectionResult> pages, int width, int height) {
        List<Sighting> sightings = new ArrayList<>();
        for (FaceDetectionResult page : pages) {
            for (TextSighting t : page.texts() == null ? List.<TextSighting>of() : page.texts()) {
                TextDetail d = t.textDetection();
                if (d != null && d.geometry() != null) {
                    add(sightings, t.timestamp(), t.trackId(), d.geometry().boundingBox(), d.confidence(), width, height);
                }
            }
        }
        return sightings;
    }

    /**
     * The frames the text detector looked at: every TextEvery-th as the pages say (1, every frame, when they do
     * not: text from elsewhere).
     */
    public static int textEvery(List<FaceDetectionResult> pages) {
        return pages.stream().map(FaceDetectionResult::textEvery).filter(e -> e != null && e >= 1).findFirst().orElse(1);
    }

    /** A box given as ratios, added as a sighting in pixels; one with no box says nothing and is left out. */
    private static void add(List<Sighting> sightings, long millis, Integer trackId, BoundingBox bb, Float confidence,
                            int width, int height) {
        if (bb == null) {
            return;
        }
        Box box = new Box(bb.left() * width, bb.top() * height, bb.width() * width, bb.height() * height);
        double score = confidence == null ? 1 : confidence / 100.0;
        sightings.add(new Sighting(millis * 1000, trackId, new Detection(box, score, List.of())));
    }

    /** The faces of all pages as observations in pixels of a {@code width x height} frame, by time. */
    public static List<Observation> observations(List<FaceDetectionResult> pages, int width, int height) {
        return observations(sightings(pages, width, height));
    }

    /** Sightings grouped by time into observations, in time order. */
    public static List<Observation> observations(List<Sighting> sightings) {
        Map<Long, List<Detection>> byTime = new TreeMap<>();
        for (Sighting s : sightings) {
            byTime.computeIfAbsent(s.micros(), t -> new ArrayList<>()).add(s.detection());
        }
        List<Observation> observations = new ArrayList<>(byTime.size());
        byTime.forEach((micros, detections) -> observations.add(new Observation(micros, detections)));
        return observations;
    }
}
