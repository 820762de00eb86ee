package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * The packets of a file's video stream, read without decoding: where its keyframes are, how many frames it
 * has, and the compressed pictures themselves for copying.
 */
public final class VideoPackets implements AutoCloseable {

    /** One compressed picture: when it is shown (microseconds from the first frame) and whether decoding can start there. */
    public record Packet(long micros, boolean keyframe) {
    }

    private final Path path;
    private final AVFormatContext format;
    private final int streamIndex;

    private VideoPackets(Path path, AVFormatContext format, int streamIndex) {
        this.path = path;
        this.format = format;
        this.streamIndex = streamIndex;
    }

    /** Opens the video stream of {@code path} (the same stream {@link VideoReader} decodes). */
    static VideoPackets open(Path path) {
        VideoReader.checkReadableFile(path);
        FfmpegLog.quiet();
        AVFormatContext ctx = new AVFormatContext(null);
        int rc = avformat_open_input(ctx, path.toString(), null, null);
        if (rc < 0) {
            throw new FaceblurException(path + ": not a video file FFmpeg can read (" + FfmpegLog.errorText(rc) + ")");
        }
        rc = avformat_find_stream_info(ctx, (AVDictionary) null);
        int stream = rc < 0 ? -1 : VideoReader.videoStream(ctx);
        if (stream < 0) {
            avformat_close_input(ctx);
            throw new FaceblurException(path + ": has no readable video stream"
                    + (rc < 0 ? " (" + FfmpegLog.errorText(rc) + ")" : ""));
        }
        return new VideoPackets(path, ctx, stream);
    }

    /**
     * Every packet of the video stream in presentation order, times counted from the earliest one. For a file
     * whose first frames all decode (any well-formed file) that is the clock of {@link DecodedFrame#micros()}.
     */
    public static List<Packet> scan(Path path) {
        try (VideoPackets packets = open(path); OwnedPacket packet = new OwnedPacket()) {
            List<long[]> raw = new ArrayList<>();
            while (packets.read(packet.get())) {
                AVPacket p = packet.get();
                long ts = p.pts() != AV_NOPTS_VALUE ? p.pts() : p.dts();
                if (ts != AV_NOPTS_VALUE) {
                    raw.add(new long[] {ts, (p.flags() & AV_PKT_FLAG_KEY) != 0 ? 1 : 0});
                }
                av_packet_unref(p);
            }
            raw.sort(Comparator.comparingLong(r -> r[0]));
            List<Packet> result = new ArrayList<>(raw.size());
            long first = raw.isEmpty() ? 0 : packets.toMicros(raw.get(0)[0]);
            for (long[] r : raw) {
                result.add(new Packet(packets.toMicros(r[0]) - first, r[1] == 1));
            }
            return result;
        }
    }

    Path path() {
        return path;
    }

    AVStream stream() {
        return format.streams(streamIndex);
    }

    long toMicros(long ts) {
        AVRational tb = stream().time_base();
        return Math.round(ts * 1_000_000.0 * tb.num() / tb.den());
    }

    /** Reads the next packet of the video stream into {@code packet}; false at the end of the file. */
    boolean read(AVPacket packet) {
        while (av_read_frame(format, packet) >= 0) {
            if (packet.stream_index() == streamIndex) {
                return true;
            }
            av_packet_unref(packet);
        }
        return false;
    }

    @Override
    public void close() {
        avformat_close_input(format);
    }
}
