package faceblur.engine;

import faceblur.timing.StageTimes;
import faceblur.timing.Stage;
import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.redact.Outliner;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Redactor;
import faceblur.redact.Style;
import faceblur.video.Segment;
import faceblur.track.FaceTimeline;
import faceblur.video.Container;
import faceblur.video.DecodedFrame;
import faceblur.video.DetachedFrame;
import faceblur.video.EncoderSettings;
import faceblur.video.Plane;
import faceblur.video.VideoReader;
import faceblur.video.VideoWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The second pass: decodes the video again, hides every face the timeline has at each frame's own
 * timestamp, and encodes the result with the source's audio copied in.
 */
public final class Renderer {

    /** Enough to ride out the encoder's uneven pace; each is a full picture (3 MB at 1080p). */
    private static final int FRAMES_AHEAD = 8;

    private final Redactor redactor;
    private final Outliner outliner;
    private final EncoderSettings encoder;

    /** Hides faces as {@code redaction} says, or outlines them for its {@link Style#OUTLINE} style. */
    public Renderer(RedactionSettings redaction, EncoderSettings encoder) {
        this.redactor = redaction.style().hides() ? new Redactor(redaction) : null;
        this.outliner = redaction.style().hides() ? null : new Outliner(redaction);
        this.encoder = encoder;
    }

    /**
     * Writes the redacted video to {@code target}, which the caller renames into place when it is whole; on a
     * thread of its own, so that the bytes never depend on what ran on the caller's ({@link FreshThread}).
     */
    public int render(Path input, FaceTimeline timeline, Path target, Container container, ProgressListener progress) {
        return FreshThread.call("render", () -> renderWhole(input, timeline, target, container, progress));
    }

    private int renderWhole(Path input, FaceTimeline timeline, Path target, Container container, ProgressListener progress) {
        try (VideoReader reader = VideoReader.open(input);
             VideoWriter writer = new VideoWriter(target, container, reader, encoder)) {
            progress.begin("blurring", Frames.estimate(reader.info()));
            long pass = StageTimes.start();
            int frames = render(reader, timeline, Long.MAX_VALUE, writer, progress);
            StageTimes.stop(Stage.RENDER_PASS, pass);
            reader.checkComplete();
            return frames;
        }
    }

    /**
     * Writes the frames of one segment, redacted, as a video-only MP4 piece for {@code VideoJoiner}: the same
     * encoder settings and output timestamps as {@link #render}, starting with an IDR picture.
     */
    public int render(Path input, FaceTimeline timeline, Segment segment, Path target, ProgressListener progress) {
        return FreshThread.call("render", () -> renderSegment(input, timeline, segment, target, progress));
    }

    private int renderSegment(Path input, FaceTimeline timeline, Segment segment, Path target, ProgressListener progress) {
        try (VideoReader reader = VideoReader.open(input);
             VideoWriter writer = VideoWriter.videoOnly(target, reader, encoder)) {
            progress.begin("blurring", Frames.estimate(reader.info(), segment.startMicros(), segment.endMicros()));
            if (segment.startMicros() > 0) {
                reader.seekTo(segment.startMicros(), 0);
            }
            int frames = render(reader, timeline, segment.endMicros(), writer, progress);
            if (frames == 0) {
                throw new FaceblurException(input + ": segment " + segment.index() + " holds no frames; was it planned for another file?");
            }
            return frames;
        }
    }

    /**
     * Decodes and hides on one thread while the encoder works on the frames before: the two take about the
     * same time, so on two cores the pass takes little more than the encoding alone.
     */
    private int render(VideoReader reader, FaceTimeline timeline, long endMicros, VideoWriter writer, ProgressListener progress) {
        int frames = 0;
        int height = reader.info().height();
        try (ReadAhead<DetachedFrame> hidden = new ReadAhead<>("render-decode", FRAMES_AHEAD, () -> {
            long decoding = StageTimes.start();
            DecodedFrame frame = reader.next();
            StageTimes.stop(Stage.DECODE_AGAIN, decoding);
            if (frame == null || frame.micros() >= endMicros) {
                return null;
            }
            long hiding = StageTimes.start();
            mark(frame, timeline, height);
            StageTimes.stop(Stage.HIDE, hiding);
            long detaching = StageTimes.start();
            DetachedFrame detached = frame.detach();
            StageTimes.stop(Stage.CONVERT_BACK, detaching);
            return detached;
        })) {
            for (DetachedFrame next = hidden.next(); next != null; next = hidden.next()) {
                try (DetachedFrame frame = next) {
                    writer.write(frame);
                }
                frames++;
                progress.frameDone();
            }
        }
        writer.finish();
        progress.end();
        return frames;
    }

    /**
     * Hides (or outlines) every face of the frame in its decoded YUV itself: the rest of the picture is never
     * converted, so only the encoder touches it, as in a plain transcode.
     */
    private void mark(DecodedFrame frame, FaceTimeline timeline, int height) {
        if (redactor != null) {
            List<Box> faces = timeline.boxesAt(frame.micros());
            if (!faces.isEmpty()) {
                for (Plane plane : frame.planes()) {
                    redactor.apply(plane, faces);
                }
            }
            return;
        }
        List<Outliner.Outline> outlines = new ArrayList<>();
        for (FaceTimeline.TrackFaces face : timeline.facesAt(frame.micros())) {
            boolean seen = !Double.isNaN(face.score());
            String label = "#" + face.trackId() + (seen ? String.format(Locale.ROOT, " %.2f", face.score()) : "");
            for (Box box : face.boxes()) {
                outlines.add(new Outliner.Outline(box, label, seen));
            }
        }
        if (!outlines.isEmpty()) {
            for (Plane plane : frame.planes()) {
                outliner.draw(plane, outlines, height);
            }
        }
    }
}
