package faceblur.engine;

import faceblur.timing.StageTimes;
import faceblur.timing.Stage;
import faceblur.detect.Detection;
import faceblur.detect.DetectorPool;
import faceblur.photo.PhotoBlur;
import faceblur.redact.RedactionSettings;
import faceblur.shot.CutFinder;
import faceblur.shot.PictureCues;
import faceblur.shot.Thumbnail;
import faceblur.rekognition.FaceDetectionResult;
import faceblur.rekognition.RekognitionJson;
import faceblur.video.Segment;
import faceblur.track.FaceTimeline;
import faceblur.track.Observation;
import faceblur.track.Track;
import faceblur.track.TrackPoint;
import faceblur.track.Tracker;
import faceblur.track.TrackerSettings;
import faceblur.video.Container;
import faceblur.video.DecodeLosses;
import faceblur.video.DecodedFrame;
import faceblur.video.EncoderSettings;
import faceblur.video.NativeHeap;
import faceblur.video.VideoReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The engine, one video at a time: analyse (decode, detect), link into tracks, render (decode, hide, encode).
 * The CLI and any server call this; none of them holds engine logic. Owns the detectors' native sessions.
 */
public final class FaceBlur implements AutoCloseable {

    private final DetectorPool detector;
    private final DetectionSchedule schedule;
    private final TrackerSettings tracking;

    private FaceBlur(DetectorPool detector, DetectionSchedule schedule, TrackerSettings tracking) {
        this.detector = detector;
        this.schedule = schedule;
        this.tracking = tracking;
    }

    /** An engine running {@code detectors} on the frames {@code schedule} names; it closes them. */
    public static FaceBlur withDetectors(DetectorPool detectors, DetectionSchedule schedule, TrackerSettings tracking) {
        return new FaceBlur(detectors, schedule, tracking);
    }

    /** An engine that only renders given detections. */
    public static FaceBlur withoutDetector(TrackerSettings tracking) {
        return new FaceBlur(null, DetectionSchedule.everyFrame(), tracking);
    }

    /** faceblur's version, from the jar it runs from ("development build" when run from classes). */
    public static String version() {
        String v = FaceBlur.class.getPackage().getImplementationVersion();
        return "faceblur " + (v == null ? "(development build)" : v);
    }

    public Analysis analyse(Path input, ProgressListener progress) {
        return analyse(input, progress, losses -> {
        });
    }

    /**
     * The faces of every frame of {@code input}; {@code damage} hears of frames that could not be decoded, when
     * a few were lost to damage (more fail the analysis).
     */
    public Analysis analyse(Path input, ProgressListener progress, Consumer<DecodeLosses> damage) {
        return analyse(input, progress, damage, FrameWatcher.NONE);
    }

    /** As {@link #analyse(Path, ProgressListener, Consumer)}, also showing every decoded frame to {@code watcher}. */
    public Analysis analyse(Path input, ProgressListener progress, Consumer<DecodeLosses> damage, FrameWatcher watcher) {
        if (detector == null) {
            throw new IllegalStateException("this engine has no detector");
        }
        return new Analyzer(detector, schedule, watcher).analyse(input, progress, damage);
    }

    /**
     * The faces on the frames of one segment only (it seeks to the segment's keyframe): the observations of a
     * plan's segments together are those of {@link #analyse(Path, ProgressListener)}, so {@link #track} over
     * their {@link Analysis#joined} links faces across the segments' boundaries. {@code frames()} counts the
     * segment's frames.
     */
    public Analysis analyse(Path input, Segment segment, ProgressListener progress) {
        return analyse(input, segment, progress, FrameWatcher.NONE);
    }

    /**
     * As {@link #analyse(Path, Segment, ProgressListener)}, also showing the segment's frames to {@code watcher};
     * their indexes are those in the whole video, so a watcher that looks at every n-th frame looks at the same
     * frames as in an unsplit pass.
     */
    public Analysis analyse(Path input, Segment segment, ProgressListener progress, FrameWatcher watcher) {
        if (detector == null) {
            throw new IllegalStateException("this engine has no detector");
        }
        return new Analyzer(detector, schedule, watcher).analyse(input, segment, progress);
    }

    /** Photos with this engine's detectors (the normal pass plus an enlarged one); they stay the engine's. */
    public PhotoBlur photos() {
        if (detector == null) {
            throw new IllegalStateException("this engine has no detector");
        }
        return new PhotoBlur(detector);
    }

    /** The faces of an analysis followed through time, each track within its shot. */
    public List<Track> track(Analysis analysis) {
        long linking = StageTimes.start();
        List<Track> tracks = Tracker.link(analysis.observations(), tracking, analysis.cues());
        StageTimes.stop(Stage.TRACK, linking);
        return tracks;
    }

    /** Faces from elsewhere (a detection result), followed through time with what the pictures show. */
    public List<Track> track(List<Observation> observations, PictureCues cues) {
        return Tracker.link(observations, tracking, cues);
    }

    /**
     * The faces of a detection result followed through time. faceblur's own results, every face with a
     * TrackId, keep their tracks: each sighting is put back on its frame, every frame of the video is an
     * observation again (empty where no face was seen, as the analysis had it), so the camera's path, the
     * extensions and the masks are those of {@code faceblur blur} on the same video. Rekognition's sparse samples,
     * with no TrackIds, are linked into tracks.
     */
    public List<Track> trackSightings(List<RekognitionJson.Sighting> sightings, PictureCues cues) {
        return trackSightings(sightings, cues, 1);
    }

    /**
     * As {@link #trackSightings(List, PictureCues)} for things looked for on every {@code every}-th frame only
     * (text, {@code --text-every}): those frames alone are observations, as they were for {@code blur}'s text.
     */
    public List<Track> trackSightings(List<RekognitionJson.Sighting> sightings, PictureCues cues, int every) {
        boolean ownTracks = !sightings.isEmpty() && sightings.stream().allMatch(s -> s.trackId() != null);
        if (!ownTracks) {
            return track(RekognitionJson.observations(sightings), cues);
        }
        long[] frames = cues.motion().frameMicros();
        Map<Long, List<Detection>> byFrame = new TreeMap<>();
        for (int i = 0; i < frames.length; i += every) {
            byFrame.put(frames[i], new ArrayList<>());
        }
        Map<Integer, List<TrackPoint>> byId = new TreeMap<>();
        for (RekognitionJson.Sighting s : sightings) {
            long micros = nearestFrame(frames, s.micros());
            byFrame.computeIfAbsent(micros, t -> new ArrayList<>()).add(s.detection());
            byId.computeIfAbsent(s.trackId(), id -> new ArrayList<>()).add(new TrackPoint(micros, s.detection()));
        }
        List<Observation> observations = new ArrayList<>(byFrame.size());
        byFrame.forEach((micros, detections) -> observations.add(new Observation(micros, detections)));
        return Tracker.given(observations, byId, tracking, cues);
    }

    /** The frame time within a result's millisecond rounding of {@code micros}, else {@code micros} itself. */
    private static long nearestFrame(long[] frames, long micros) {
        int i = Arrays.binarySearch(frames, micros);
        if (i >= 0) {
            return micros;
        }
        int after = -i - 1;
        long best = micros;
        long bestDistance = 500;
        for (int k : new int[]{after - 1, after}) {
            if (k >= 0 && k < frames.length && Math.abs(frames[k] - micros) <= bestDistance) {
                best = frames[k];
                bestDistance = Math.abs(frames[k] - micros);
            }
        }
        return best;
    }

    /**
     * The shot changes and the camera's coarse pan of {@code input}, from a pass that only decodes: for faces
     * that come from elsewhere, where no analysis pass has seen the frames.
     */
    public PictureCues readPictureCues(Path input, ProgressListener progress) {
        try (VideoReader reader = VideoReader.open(input)) {
            progress.begin("finding shot changes", Frames.estimate(reader.info()));
            CutFinder finder = new CutFinder();
            for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
                finder.add(Thumbnail.of(frame));
                progress.frameDone();
            }
            progress.end();
            return finder.cues(reader.info().width(), reader.info().height());
        }
    }

    /**
     * The faces of {@code input} as a complete GetFaceDetection response: analyse, link into tracks, shape.
     * {@code faceblur detect} and the service's jobs both come here.
     */
    public FaceDetectionResult detectFaces(Path input, ProgressListener progress) {
        Analysis analysis = analyse(input, progress);
        return RekognitionJson.result(analysis.info(), track(analysis));
    }

    /** Renders {@code input} with every face of {@code tracks} hidden; returns the number of frames written. */
    public int render(Path input, List<Track> tracks, RedactionSettings redaction, EncoderSettings encoding,
                      Path target, Container container, ProgressListener progress) {
        return render(input, new FaceTimeline(tracks), redaction, encoding, target, container, progress);
    }

    /**
     * Renders {@code input} with the faces of {@code faces} hidden (for example a timeline that spares the people
     * a reviewer keeps, {@link FaceTimeline#sparing}); returns the number of frames written.
     */
    public int render(Path input, FaceTimeline faces, RedactionSettings redaction, EncoderSettings encoding,
                      Path target, Container container, ProgressListener progress) {
        trimDetectors();
        Renderer renderer = new Renderer(redaction, encoding);
        return renderer.render(input, faces, target, container, progress);
    }

    /**
     * Renders the frames of one segment with every face of {@code tracks} (tracked over the whole video) hidden,
     * into a video-only MP4 piece for {@code SegmentJoiner}; {@code target} appears whole or not at all and is
     * replaced if it exists. Returns the number of frames written.
     */
    public int renderSegment(Path input, List<Track> tracks, Segment segment, RedactionSettings redaction,
                             EncoderSettings encoding, Path target, ProgressListener progress) {
        trimDetectors();
        Renderer renderer = new Renderer(redaction, encoding);
        try (AtomicOutput output = AtomicOutput.create(target, true)) {
            int frames = renderer.render(input, new FaceTimeline(tracks), segment, output.temporary(), progress);
            output.commit();
            return frames;
        }
    }

    /**
     * Rendering needs no detector: its memory goes back before the render's frames and encoder take theirs, to
     * the system and not only to the allocator (bench/memory: the render's peak at 1080p fell from 850 MiB).
     */
    private void trimDetectors() {
        if (detector != null) {
            detector.trim();
        }
        NativeHeap.returnFreeMemory();
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
    }
}
