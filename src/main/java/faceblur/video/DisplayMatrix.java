package faceblur.video;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

/** A video stream's display matrix: how players turn the picture (a phone held upright, say). */
final class DisplayMatrix {

    private DisplayMatrix() {
    }

    /** The matrix's 36 bytes, or null when the stream has none. */
    static byte[] of(AVCodecParameters par) {
        if (par.nb_coded_side_data() == 0) {
            return null;
        }
        AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
                AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < 36) {
            return null;
        }
        byte[] matrix = new byte[(int) sd.size()];
        sd.data().get(matrix);
        return matrix;
    }

    /** The rotation in degrees, counter-clockwise as FFmpeg states it, 0 when none. */
    static double rotation(AVCodecParameters par) {
        byte[] matrix = of(par);
        if (matrix == null) {
            return 0;
        }
        int[] values = new int[9];
        ByteBuffer.wrap(matrix).order(ByteOrder.nativeOrder()).asIntBuffer().get(values);
        double degrees = av_display_rotation_get(values);
        return Double.isNaN(degrees) ? 0 : degrees;
    }
}
