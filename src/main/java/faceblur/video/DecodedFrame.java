package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

/**
 * One decoded picture, in presentation order, valid until the reader's next read. Its pixels are converted
 * only when asked for: as BGR for the detector, or as writable YUV planes for redaction; a frame nobody
 * edits goes to the encoder as it was decoded.
 */
public final class DecodedFrame {

    private final int index;
    private final long pts;
    private final long micros;
    private final AVFrame decoded;
    private final FrameConverter converter;
    private final int yuvFormat;
    private final boolean fullRange;
    private final boolean passThrough;
    private AVFrame forEncoder;
    private List<Plane> planes;

    DecodedFrame(int index, long pts, long micros, AVFrame decoded, FrameConverter converter, int yuvFormat, boolean fullRange,
                 boolean passThrough) {
        this.index = index;
        this.pts = pts;
        this.micros = micros;
        this.decoded = decoded;
        this.converter = converter;
        this.yuvFormat = yuvFormat;
        this.fullRange = fullRange;
        this.passThrough = passThrough;
    }

    /** The frame's position in the video, from 0. */
    public int index() {
        return index;
    }

    /** Its presentation timestamp in the video stream's time base. */
    public long pts() {
        return pts;
    }

    /**
     * When it is shown, in microseconds from the first frame: the clock detections and tracks use, the same
     * in every pass over the video.
     */
    public long micros() {
        return micros;
    }

    /** The picture as 8-bit BGR, owned by the reader and valid until its next read. */
    public Mat image() {
        return converter.toBgr(decoded, fullRange);
    }

    /**
     * The picture as it goes to the encoder, with whatever was drawn on its {@link #planes()}, as 8-bit BGR: what
     * the output will show on this frame. Owned by the reader and valid until its next read.
     */
    public Mat encodedImage() {
        return converter.toBgr(encoderFrame(), fullRange && passThrough);
    }

    /** The picture's luma shrunk to {@code width} x {@code height}, full range, row by row (a new array). */
    public byte[] thumbnail(int width, int height) {
        return converter.toThumbnail(decoded, fullRange, width, height);
    }

    /** The picture's Y, U and V planes, writable: what is drawn on them is what gets encoded. */
    public List<Plane> planes() {
        if (planes != null) {
            return planes;
        }
        AVFrame frame = encoderFrame();
        if (frame == decoded) {
            // The decoder may still use this picture as a reference: edit a copy if it is shared.
            int rc = av_frame_make_writable(frame);
            if (rc < 0) {
                throw new FaceblurException("cannot edit frame " + index + " (" + FfmpegLog.errorText(rc) + ")");
            }
        }
        boolean subsampled = yuvFormat == AV_PIX_FMT_YUV420P;
        // A converted picture is in limited range whatever the source was (FrameConverter#toYuv).
        boolean planesFullRange = fullRange && passThrough;
        // Untagged video is BT.709 from HD sizes up, as players assume.
        boolean bt709 = decoded.colorspace() == AVCOL_SPC_BT709
                || (decoded.colorspace() == AVCOL_SPC_UNSPECIFIED && decoded.height() >= 720);
        planes = new ArrayList<>(3);
        for (int p = 0; p < 3; p++) {
            boolean chroma = p > 0;
            int w = chroma && subsampled ? (frame.width() + 1) / 2 : frame.width();
            int h = chroma && subsampled ? (frame.height() + 1) / 2 : frame.height();
            Mat plane = new Mat(h, w, CV_8UC1, frame.data(p), frame.linesize(p));
            planes.add(new Plane(plane, chroma && subsampled ? 0.5 : 1.0, p, planesFullRange, bt709));
        }
        return planes;
    }

    /**
     * The picture as it is now, with whatever was drawn on its planes, held apart from the reader so that it
     * stays valid after the reader's next read: for encoding on another thread.
     */
    public DetachedFrame detach() {
        return new DetachedFrame(encoderFrame(), pts);
    }

    /** The picture in the encoder's layout: the decoded frame itself when it already is. */
    AVFrame encoderFrame() {
        if (forEncoder == null) {
            forEncoder = passThrough ? decoded : converter.toYuv(decoded, fullRange);
        }
        return forEncoder;
    }

    /** Frees the plane headers (not the pixels, which belong to the frame). */
    void release() {
        if (planes != null) {
            planes.forEach(p -> p.pixels().close());
            planes = null;
        }
    }
}
