package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

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

    private final int width;
    private final int height;
    private final int yuvFormat;
    private SwsContext toYuv;
    private SwsContext toBgr;
    private SwsContext toThumbnail;
    private Mat thumbnail;
    private AVFrame yuv;
    private Mat bgr;
    private final PointerPointer<BytePointer> outPlanes = new PointerPointer<>(4);
    private final IntPointer outStrides = new IntPointer(4);

    FrameConverter(int width, int height, int yuvFormat) {
        this.width = width;
        this.height = height;
        this.yuvFormat = yuvFormat;
    }

    /** {@code source} in the encoder's layout, limited range, in a frame this converter owns. */
    AVFrame toYuv(AVFrame source, boolean sourceFullRange) {
        if (yuv == null) {
            yuv = av_frame_alloc();
            yuv.format(yuvFormat);
            yuv.width(width);
            yuv.height(height);
            check(av_frame_get_buffer(yuv, 0), "allocate a frame");
        }
        // The encoder may still hold the previous picture: write into a buffer of our own.
        check(av_frame_make_writable(yuv), "reuse a frame");
        toYuv = context(toYuv, source, width, height, yuvFormat, SWS_BICUBIC, sourceFullRange, false);
        sws_scale(toYuv, source.data(), source.linesize(), 0, source.height(), yuv.data(), yuv.linesize());
        return yuv;
    }

    /** {@code source} as 8-bit BGR, in a picture this converter owns and reuses. */
    Mat toBgr(AVFrame source, boolean sourceFullRange) {
        if (bgr == null) {
            bgr = new Mat(height, width, CV_8UC3);
        }
        toBgr = context(toBgr, source, width, height, AV_PIX_FMT_BGR24, SWS_BILINEAR, sourceFullRange, true);
        outPlanes.put(0, bgr.data());
        outStrides.put(0, (int) bgr.step());
        sws_scale(toBgr, source.data(), source.linesize(), 0, source.height(), outPlanes, outStrides);
        return bgr;
    }

    /**
     * {@code source}'s luma, full range, shrunk to {@code w} x {@code h} by averaging areas: a fingerprint of the
     * picture that costs a fraction of a BGR conversion, so it can be taken of every frame.
     */
    byte[] toThumbnail(AVFrame source, boolean sourceFullRange, int w, int h) {
        if (thumbnail == null || thumbnail.cols() != w || thumbnail.rows() != h) {
            if (thumbnail != null) {
                thumbnail.close();
            }
            thumbnail = new Mat(h, w, CV_8UC1);
        }
        toThumbnail = context(toThumbnail, source, w, h, AV_PIX_FMT_GRAY8, SWS_AREA, sourceFullRange, true);
        outPlanes.put(0, thumbnail.data());
        outStrides.put(0, (int) thumbnail.step());
        sws_scale(toThumbnail, source.data(), source.linesize(), 0, source.height(), outPlanes, outStrides);
        byte[] luma = new byte[w * h];
        for (int y = 0; y < h; y++) {
            thumbnail.ptr(y).get(luma, y * w, w);
        }
        return luma;
    }

    private SwsContext context(SwsContext cached, AVFrame source, int targetWidth, int targetHeight, int target,
                               int flags, boolean fullIn, boolean fullOut) {
        if (source.width() != width || source.height() != height) {
            throw new FaceblurException("the picture size changes mid-stream (" + source.width() + "x"
                    + source.height() + " after " + width + "x" + height + "): not supported");
        }
        SwsContext ctx = sws_getCachedContext(cached, width, height, source.format(), targetWidth, targetHeight, target,
                flags, null, null, (DoublePointer) null);
        if (ctx == null || ctx.isNull()) {
            throw new FaceblurException("cannot convert pixel format " + source.format());
        }
        IntPointer coefficients = sws_getCoefficients(SWS_CS_DEFAULT);
        sws_setColorspaceDetails(ctx, coefficients, fullIn ? 1 : 0, coefficients, fullOut ? 1 : 0, 0, 1 << 16, 1 << 16);
        return ctx;
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw new FaceblurException("cannot " + what + " (" + FfmpegLog.errorText(rc) + ")");
        }
    }

    @Override
    public void close() {
        if (toYuv != null) {
            sws_freeContext(toYuv);
        }
        if (toBgr != null) {
            sws_freeContext(toBgr);
        }
        if (toThumbnail != null) {
            sws_freeContext(toThumbnail);
        }
        if (thumbnail != null) {
            thumbnail.close();
        }
        if (yuv != null) {
            av_frame_free(yuv);
        }
        if (bgr != null) {
            bgr.close();
        }
        outPlanes.close();
        outStrides.close();
    }
}
