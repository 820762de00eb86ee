package faceblur.engine;

import org.bytedeco.opencv.opencv_core.Mat;
import faceblur.timing.StageTimes;
import faceblur.timing.Stage;
import faceblur.FaceblurException;
import faceblur.detect.DetectorPool;
import faceblur.detect.OrderedDetections;
import faceblur.shot.CutFinder;
import faceblur.shot.Thumbnail;
import faceblur.video.Segment;
import faceblur.track.Observation;
import faceblur.video.DecodeLosses;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoPackets;
import faceblur.video.VideoReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The first pass: decodes every frame and runs the face detector on the frames its schedule names, at the size
 * it names, several frames at a time; frames in between are covered later by interpolating each face's track. Every frame is
 * also compared with the one before, to find the cuts between shots.
 */
public final class Analyzer {

    private final DetectorPool detectors;
    private final DetectionSchedule schedule;
    private final FrameWatcher watcher;

    public Analyzer(DetectorPool detectors, DetectionSchedule schedule) {
        this(detectors, schedule, FrameWatcher.NONE);
    }

    /** Also shows every decoded frame to {@code watcher} (a text detector). */
    public Analyzer(DetectorPool detectors, DetectionSchedule schedule, FrameWatcher watcher) {
        this.detectors = detectors;
        this.schedule = schedule;
        this.watcher = watcher;
    }

    /** The whole video; {@code damage} hears of the frames that could not be decoded, if any. */
    public Analysis analyse(Path input, ProgressListener progress, Consumer<DecodeLosses> damage) {
        try (VideoReader reader = VideoReader.open(input)) {
            detectors.checkFrameSize(input.toString(), reader.info().width(), reader.info().height());
            progress.begin("finding faces", Frames.estimate(reader.info()));
            long pass = StageTimes.start();
            Analysis analysis = analyse(reader, input, Long.MAX_VALUE, progress);
            StageTimes.stop(Stage.ANALYSIS_PASS, pass);
            DecodeLosses losses = reader.checkComplete();
            if (losses.any()) {
                damage.accept(losses);
            }
            if (analysis == null) {
                throw new FaceblurException(input + ": no frame could be decoded");
            }
            return analysis;
        }
    }

    /**
     * The frames of one segment only, found by seeking to its keyframe: together the segments of a plan give
     * the same observations as {@link #analyse(Path, ProgressListener, Consumer)}, frame for frame.
     */
    public Analysis analyse(Path input, Segment segment, ProgressListener progress) {
        try (VideoReader reader = VideoReader.open(input)) {
            detectors.checkFrameSize(input.toString(), reader.info().width(), reader.info().height());
            progress.begin("finding faces", Frames.estimate(reader.info(), segment.startMicros(), segment.endMicros()));
            if (segment.startMicros() > 0) {
                reader.seekTo(segment.startMicros(), firstFrameIndex(input, segment));
            }
            Analysis analysis = analyse(reader, input, segment.endMicros(), progress);
            if (analysis == null) {
                throw new FaceblurException(input + ": segment " + segment.index() + " holds no frames; was it planned for another file?");
            }
            return analysis;
        }
    }

    /**
     * The position of the segment's first frame in the whole video, which picks the frames detected on when
     * not every one is, and those a watcher looks at; counted from packets, without decoding.
     */
    private int firstFrameIndex(Path input, Segment segment) {
        if (schedule.uniform() && watcher == FrameWatcher.NONE) {
            return 0;
        }
        return (int) VideoPackets.scan(input).stream().filter(p -> p.micros() < segment.startMicros()).count();
    }

    /** The frames from the reader's position up to {@code endMicros}; null when there are none. */
    private Analysis analyse(VideoReader reader, Path input, long endMicros, ProgressListener progress) {
        List<Observation> observations = new ArrayList<>();
        OrderedDetections<Long> detections = new OrderedDetections<>(detectors,
                (micros, faces) -> observations.add(new Observation(micros, faces)));
        CutFinder shots = new CutFinder();
        int frames = 0;
        StageTimes.firstFrame();
        for (DecodedFrame frame = decode(reader); frame != null && frame.micros() < endMicros; frame = decode(reader)) {
            double scale = schedule.scaleFor(frame.index(), detectors.settings().upscale());
            if (scale > 0) {
                long converting = StageTimes.start();
                Mat image = frame.image().clone();
                StageTimes.stop(Stage.CONVERT, converting);
                detections.submit(frame.micros(), input.toString(), image, scale);
            }
            watcher.frame(frame);
            long cues = StageTimes.start();
            shots.add(Thumbnail.of(frame));
            StageTimes.stop(Stage.SHOT_CUES, cues);
            frames++;
            progress.frameDone();
        }
        detections.finish();
        progress.end();
        if (frames == 0) {
            return null;
        }
        return new Analysis(reader.info(), frames, observations, shots.cuts(), shots.shifts(), shots.first(),
                shots.last());
    }

    private static DecodedFrame decode(VideoReader reader) {
        long decoding = StageTimes.start();
        DecodedFrame frame = reader.next();
        StageTimes.stop(Stage.DECODE, decoding);
        return frame;
    }
}
