package faceblur.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;

/** The pixel layout frames are edited and encoded in. */
final class PixelFormats {

    private PixelFormats() {
    }

    /** 4:2:0 needs even sizes; an odd-sized video keeps its exact size in 4:4:4 instead of being cropped. */
    static int forSize(int width, int height) {
        return width % 2 == 0 && height % 2 == 0 ? AV_PIX_FMT_YUV420P : AV_PIX_FMT_YUV444P;
    }

    /**
     * Whether decoded frames in {@code format} can go to the encoder in {@code target} as they are: the same
     * layout, the JPEG ("j") variants differing only in their range, which the output keeps as a tag.
     */
    static boolean sameLayout(int format, int target) {
        return format == target
                || (target == AV_PIX_FMT_YUV420P && format == AV_PIX_FMT_YUVJ420P)
                || (target == AV_PIX_FMT_YUV444P && format == AV_PIX_FMT_YUVJ444P);
    }

    static boolean isJpegRange(int format) {
        return format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ444P
                || format == AV_PIX_FMT_YUVJ422P;
    }
}
