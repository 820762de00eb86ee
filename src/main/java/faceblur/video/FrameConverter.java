package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * Pixel conversions with FFmpeg's swscale: decoded frames to the encoder's YUV layout (only when they are
 * not in it already), to BGR for the face detector and to a small grey thumbnail for finding shot changes.
 * Owns its buffers, reused frame after frame.
 */
final class FrameConverter implements AutoCloseable {

    private final Path file;
    private final int width;
    private final int height;
    private final int yuvFormat;
    private final Scaler toYuv = new Scaler();
    private final Scaler toBgr = new Scaler();
    private final Scaler toThumbnail = new Scaler();
    private boolean closed;
    private Mat thumbnail;
    private AVFrame yuv;
    private Mat bgr;
    private final PointerPointer<BytePointer> outPlanes = new PointerPointer<>(4);
    private final IntPointer outStrides = new IntPointer(4);

    /** @param file the video file, named in every failure */
    FrameConverter(Path file, int width, int height, int yuvFormat) {
        this.file = file;
        this.width = width;
        this.height = height;
        this.yuvFormat = yuvFormat;
    }

    /** {@code source} in the encoder's layout, limited range, in a frame this converter owns. */
    AVFrame toYuv(AVFrame source, boolean sourceFullRange) {
        checkOpen();
        if (yuv == null) {
            yuv = av_frame_alloc();
            yuv.format(yuvFormat);
            yuv.width(width);
            yuv.height(height);
            check(av_frame_get_buffer(yuv, 0), "allocate a frame");
        }
        // The encoder may still hold the previous picture: write into a buffer of our own.
        check(av_frame_make_writable(yuv), "reuse a frame");
        SwsContext ctx = toYuv.prepare(source, width, height, yuvFormat, SWS_BICUBIC, sourceFullRange, false);
        sws_scale(ctx, source.data(), source.linesize(), 0, source.height(), yuv.data(), yuv.linesize());
        return yuv;
    }

    /** {@code source} as 8-bit BGR, in a picture this converter owns and reuses. */
    Mat toBgr(AVFrame source, boolean sourceFullRange) {
        checkOpen();
        if (bgr == null) {
            bgr = new Mat(height, width, CV_8UC3);
        }
        SwsContext ctx = toBgr.prepare(source, width, height, AV_PIX_FMT_BGR24, SWS_BILINEAR, sourceFullRange, true);
        outPlanes.put(0, bgr.data());
        outStrides.put(0, (int) bgr.step());
        sws_scale(ctx, source.data(), source.linesize(), 0, source.height(), outPlanes, outStrides);
        return bgr;
    }

    /**
     * {@code source}'s luma, full range, shrunk to {@code w} x {@code h} by averaging areas: a fingerprint of the
     * picture that costs a fraction of a BGR conversion, so it can be taken of every frame.
     */
    byte[] toThumbnail(AVFrame source, boolean sourceFullRange, int w, int h) {
        checkOpen();
        if (thumbnail == null || thumbnail.cols() != w || thumbnail.rows() != h) {
            if (thumbnail != null) {
                thumbnail.close();
            }
            thumbnail = new Mat(h, w, CV_8UC1);
        }
        SwsContext ctx = toThumbnail.prepare(source, w, h, AV_PIX_FMT_GRAY8, SWS_AREA, sourceFullRange, true);
        outPlanes.put(0, thumbnail.data());
        outStrides.put(0, (int) thumbnail.step());
        sws_scale(ctx, source.data(), source.linesize(), 0, source.height(), outPlanes, outStrides);
        byte[] luma = new byte[w * h];
        for (int y = 0; y < h; y++) {
            thumbnail.ptr(y).get(luma, y * w, w);
        }
        return luma;
    }

    /**
     * One swscale context, rebuilt when the source's pixel format changes. sws_getCachedContext frees the context
     * it is given when it cannot reuse it, and returns null when it cannot make a new one: the field is cleared
     * before the call so that a failure never leaves a freed pointer behind for {@link #close()} to free again
     * (the heap corruption damaged files caused).
     */
    private final class Scaler {
        private SwsContext ctx;

        SwsContext prepare(AVFrame source, int targetWidth, int targetHeight, int target, int flags, boolean fullIn,
                           boolean fullOut) {
            if (source.width() != width || source.height() != height) {
                throw new FaceblurException(file + ": the picture size changes mid-stream (" + source.width() + "x"
                        + source.height() + " after " + width + "x" + height + "): not supported");
            }
            SwsContext previous = ctx;
            ctx = null;
            SwsContext made = sws_getCachedContext(previous, width, height, source.format(), targetWidth, targetHeight,
                    target, flags, null, null, (DoublePointer) null);
            if (made == null || made.isNull()) {
                throw new FaceblurException(file + ": cannot convert pixel format " + source.format());
            }
            ctx = made;
            IntPointer coefficients = sws_getCoefficients(SWS_CS_DEFAULT);
            sws_setColorspaceDetails(ctx, coefficients, fullIn ? 1 : 0, coefficients, fullOut ? 1 : 0, 0, 1 << 16, 1 << 16);
            return ctx;
        }

        void free() {
            if (ctx != null) {
                sws_freeContext(ctx);
                ctx = null;
            }
        }
    }

    /** A frame kept past its reader's close must not reach freed buffers: a bug, said as one. */
    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("a decoded frame was used after its video was closed");
        }
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw new FaceblurException("cannot " + what + " (" + FfmpegLog.errorText(rc) + ")");
        }
    }

    /** Frees everything once; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        toYuv.free();
        toBgr.free();
        toThumbnail.free();
        if (thumbnail != null) {
            thumbnail.close();
            thumbnail = null;
        }
        if (yuv != null) {
            av_frame_free(yuv);
            yuv = null;
        }
        if (bgr != null) {
            bgr.close();
            bgr = null;
        }
        outPlanes.close();
        outStrides.close();
    }
}
