package faceblur.follow;

import faceblur.FaceblurException;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * A video's frames by number, shrunk to what the tracker sees, walked forward or backward from any frame.
 * Reading on from the frame last read costs one decode; any other frame costs a seek to the keyframe before it.
 */
final class ShrunkFrames implements AutoCloseable {

    /**
     * The longest side of a picture the tracker sees, whatever the box: walking backward, a chunk of frames is
     * held in memory, and at most 640x640 BGR a frame (1.2 MB) a chunk stays under 80 MB at any resolution.
     * 720x528 becomes at most 640x469, 1080p 640x360; a face of 60 px in 1080p is still 20 px.
     */
    static final int MAX_SIDE = 640;

    /**
     * Frames held at once when walking backward: 2.7 s at 24 fps. The tracker runs forward in time only, so
     * the frames before a keyframe are decoded forward in chunks and handed out in reverse; a chunk costs one
     * seek and the decoding from the keyframe before it, so chunks much shorter than a group of pictures would
     * decode the same frames many times.
     */
    static final int BACKWARD_CHUNK = 64;

    private final VideoReader reader;
    private final List<Long> frameMicros;
    private int nextFrame;

    ShrunkFrames(Path video, List<Long> frameMicros) {
        this.frameMicros = List.copyOf(frameMicros);
        this.reader = VideoReader.open(video);
    }

    /** The largest scale (shrunk pixels per frame pixel) a walk may ask for: {@link #MAX_SIDE}, and never enlarged. */
    double maxScale() {
        return Math.min(1.0, (double) MAX_SIDE / Math.max(width(), height()));
    }

    int width() {
        return reader.info().width();
    }

    int height() {
        return reader.info().height();
    }

    int frameCount() {
        return frameMicros.size();
    }

    long micros(int frame) {
        return frameMicros.get(frame);
    }

    /**
     * The frames from {@code from} to {@code to} inclusive, in that order (backward when {@code to < from}),
     * shrunk by {@code scale} (at most {@link #maxScale()}). {@code cancelled} is asked before every frame decoded.
     */
    Walk walk(int from, int to, double scale, BooleanSupplier cancelled) {
        if (!(scale > 0 && scale <= maxScale())) {
            throw new IllegalArgumentException("scale " + scale + " is not within (0, " + maxScale() + "]");
        }
        return from <= to ? new ForwardWalk(from, to, scale, cancelled) : new BackwardWalk(from, to, scale, cancelled);
    }

    /** Frames handed out one at a time; each is valid until the next call, and owned by the walk. */
    abstract sealed class Walk implements AutoCloseable {
        private final Size size;
        private final double scale;
        private final BooleanSupplier cancelled;

        private Walk(double scale, BooleanSupplier cancelled) {
            this.scale = scale;
            this.size = new Size((int) Math.round(ShrunkFrames.this.width() * scale),
                    (int) Math.round(ShrunkFrames.this.height() * scale));
            this.cancelled = cancelled;
        }

        /** The next frame, or null past the last. */
        abstract Mat next();

        int shrunkWidth() {
            return size.width();
        }

        int shrunkHeight() {
            return size.height();
        }

        /** Frame {@code frame}, shrunk into {@code into}. */
        void read(int frame, Mat into) {
            DecodedFrame decoded = decode(frame, cancelled);
            if (scale < 1) {
                resize(decoded.image(), into, size, 0, 0, INTER_AREA);
            } else {
                decoded.image().copyTo(into);
            }
        }

        @Override
        public void close() {
            size.close();
        }
    }

    private final class ForwardWalk extends Walk {
        private final Mat image = new Mat();
        private final int to;
        private int frame;

        ForwardWalk(int from, int to, double scale, BooleanSupplier cancelled) {
            super(scale, cancelled);
            this.frame = from;
            this.to = to;
        }

        @Override
        Mat next() {
            if (frame > to) {
                return null;
            }
            read(frame++, image);
            return image;
        }

        @Override
        public void close() {
            image.close();
            super.close();
        }
    }

    private final class BackwardWalk extends Walk {
        /** Reused from chunk to chunk: no more than {@link #BACKWARD_CHUNK} frames are ever held. */
        private final List<Mat> chunk = new ArrayList<>();
        private final int to;
        /** The lowest frame of the chunk in memory; the next chunk ends just before it. */
        private int chunkStart;
        /** Position in {@link #chunk} of the frame to hand out next; -1 when the chunk is used up. */
        private int position = -1;

        BackwardWalk(int from, int to, double scale, BooleanSupplier cancelled) {
            super(scale, cancelled);
            this.chunkStart = from + 1;
            this.to = to;
        }

        @Override
        Mat next() {
            if (position < 0) {
                if (chunkStart <= to) {
                    return null;
                }
                int end = chunkStart - 1;
                chunkStart = Math.max(to, end - BACKWARD_CHUNK + 1);
                for (int frame = chunkStart; frame <= end; frame++) {
                    int i = frame - chunkStart;
                    if (i == chunk.size()) {
                        chunk.add(new Mat());
                    }
                    read(frame, chunk.get(i));
                }
                position = end - chunkStart;
            }
            return chunk.get(position--);
        }

        @Override
        public void close() {
            chunk.forEach(Mat::close);
            super.close();
        }
    }

    /** Frame {@code frame} as decoded, valid until the next. */
    private DecodedFrame decode(int frame, BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("following cancelled");
        }
        long micros = frameMicros.get(frame);
        if (frame != nextFrame) {
            nextFrame = -1; // Until a frame comes out, the reader's position is not known.
            reader.seekTo(micros, frame);
        }
        DecodedFrame decoded = reader.next();
        if (decoded == null || decoded.micros() != micros) {
            throw new FaceblurException(reader.path() + ": frame " + frame + " should be shown at " + micros + " µs but "
                    + (decoded == null ? "the video ends before it" : "the frame found there is shown at " + decoded.micros() + " µs")
                    + "; were the frame times taken from another file?");
        }
        nextFrame = frame + 1;
        return decoded;
    }

    @Override
    public void close() {
        reader.close();
    }
}
