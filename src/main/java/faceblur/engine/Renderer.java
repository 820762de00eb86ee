package faceblur.engine;

import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.redact.Redactor;
import faceblur.video.Segment;
import faceblur.track.FaceTimeline;
import faceblur.video.Container;
import faceblur.video.DecodedFrame;
import faceblur.video.EncoderSettings;
import faceblur.video.Plane;
import faceblur.video.VideoReader;
import faceblur.video.VideoWriter;

import java.nio.file.Path;
import java.util.List;

/**
 * The second pass: decodes the video again, hides every face the timeline has at each frame's own
 * timestamp, and encodes the result with the source's audio copied in.
 */
public final class Renderer {

    private final Redactor redactor;
    private final EncoderSettings encoder;

    public Renderer(Redactor redactor, EncoderSettings encoder) {
        this.redactor = redactor;
        this.encoder = encoder;
    }

    /** Writes the redacted video to {@code target}, which the caller renames into place when it is whole. */
    public int render(Path input, FaceTimeline timeline, Path target, Container container, ProgressListener progress) {
        try (VideoReader reader = VideoReader.open(input);
             VideoWriter writer = new VideoWriter(target, container, reader, encoder)) {
            progress.begin("blurring", Frames.estimate(reader.info()));
            int frames = render(reader, timeline, Long.MAX_VALUE, writer, progress);
            reader.checkComplete();
            return frames;
        }
    }

    /**
     * Writes the frames of one segment, redacted, as a video-only MP4 piece for {@code VideoJoiner}: the same
     * encoder settings and output timestamps as {@link #render}, starting with an IDR picture.
     */
    public int render(Path input, FaceTimeline timeline, Segment segment, Path target, ProgressListener progress) {
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

    private int render(VideoReader reader, FaceTimeline timeline, long endMicros, VideoWriter writer, ProgressListener progress) {
        int frames = 0;
        for (DecodedFrame frame = reader.next(); frame != null && frame.micros() < endMicros; frame = reader.next()) {
            List<Box> faces = timeline.boxesAt(frame.micros());
            if (!faces.isEmpty()) {
                // Edit the decoded YUV itself: the rest of the picture is never converted, so only
                // the encoder touches it, as in a plain transcode.
                for (Plane plane : frame.planes()) {
                    redactor.apply(plane.pixels(), faces, plane.scale(), plane.black());
                }
            }
            writer.write(frame);
            frames++;
            progress.frameDone();
        }
        writer.finish();
        progress.end();
        return frames;
    }
}
