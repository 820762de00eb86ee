package faceblur.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * A frame's picture as it will be encoded, no longer tied to its reader: a new reference to the same pixels
 * (nothing is copied), so one thread can decode and redact the next frames while another encodes this one.
 * Freed by {@link #close()}.
 */
public final class DetachedFrame implements AutoCloseable {

    private AVFrame picture;
    private final long pts;

    DetachedFrame(AVFrame source, long pts) {
        this.picture = av_frame_clone(source);
        if (picture == null || picture.isNull()) {
            throw new OutOfMemoryError("no memory to hold a decoded frame");
        }
        this.pts = pts;
    }

    AVFrame picture() {
        return picture;
    }

    long pts() {
        return pts;
    }

    @Override
    public void close() {
        if (picture != null) {
            av_frame_free(picture);
            picture = null;
        }
    }
}
