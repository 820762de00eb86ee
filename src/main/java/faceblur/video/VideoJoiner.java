package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * Joins pieces of a video rendered apart ({@link VideoWriter#videoOnly}) into one file without re-encoding: their
 * packets in order, under one stream header, with the source's audio and everything else a whole render carries.
 *
 * <p>Each piece starts with an IDR picture and was encoded with the same settings and picture size, so the
 * first piece's codec extradata (SPS/PPS) describes them all; a piece with other extradata is refused rather
 * than joined into a stream that decodes wrongly. Pieces hold the output's own presentation times; only their
 * first decode times are moved, when x264's B-frame delay put them at or before the previous piece's last one.
 */
public final class VideoJoiner {

    private final VideoInfo info;
    private final OutputMuxer muxer;
    private final AVRational timeBase;
    private final long shiftMicros;
    private byte[] extradata;
    private long lastDts = Long.MIN_VALUE;
    private long lastPts = Long.MIN_VALUE;
    private int packets;

    private VideoJoiner(VideoInfo info, OutputMuxer muxer) {
        this.info = info;
        this.muxer = muxer;
        this.timeBase = new AVRational().num(info.timeBase().num()).den(info.timeBase().den());
        this.shiftMicros = muxer.startShiftMicros();
    }

    /**
     * Writes {@code pieces}, in order, with the audio of {@code source} into {@code target} (which the caller
     * renames into place when whole); returns the number of video frames written.
     */
    public static int join(Path source, List<Path> pieces, Path target, Container container, MetadataPolicy metadata) {
        if (pieces.isEmpty()) {
            throw new FaceblurException(target + ": no pieces to join");
        }
        VideoInfo info;
        byte[] displayMatrix;
        try (VideoReader reader = VideoReader.open(source)) {
            info = reader.info();
            displayMatrix = reader.displayMatrix();
        }
        try (OutputMuxer muxer = new OutputMuxer(target, container, source, true, metadata)) {
            VideoJoiner joiner = new VideoJoiner(info, muxer);
            try (VideoPackets first = VideoPackets.open(pieces.get(0))) {
                muxer.addVideo(first.stream().codecpar(), joiner.timeBase, info, displayMatrix);
                joiner.extradata = extradata(first.stream().codecpar());
            }
            muxer.writeHeader();
            for (Path piece : pieces) {
                joiner.append(piece);
            }
            muxer.finish();
            return joiner.packets;
        }
    }

    private void append(Path piece) {
        try (VideoPackets in = VideoPackets.open(piece); OwnedPacket owned = new OwnedPacket()) {
            if (!Arrays.equals(extradata(in.stream().codecpar()), extradata)) {
                throw new FaceblurException(piece + ": encoded with other settings or picture size than the first piece;"
                        + " render every piece with the same encoder settings");
            }
            AVPacket packet = owned.get();
            long pieceStart = Long.MIN_VALUE;
            long pieceEnd = Long.MIN_VALUE;
            while (in.read(packet)) {
                av_packet_rescale_ts(packet, in.stream().time_base(), timeBase);
                if (packet.pts() == AV_NOPTS_VALUE || packet.dts() == AV_NOPTS_VALUE) {
                    throw new FaceblurException(piece + ": a picture without a timestamp; not a rendered piece");
                }
                if (pieceStart == Long.MIN_VALUE) {
                    pieceStart = packet.pts();
                    if (pieceStart <= lastPts) {
                        throw new FaceblurException(piece + ": starts at " + info.toMicros(pieceStart)
                                + " µs, not after the previous piece's last frame; pieces must be given in order, once each");
                    }
                }
                pieceEnd = Math.max(pieceEnd, packet.pts());
                // x264 starts each piece's decode times before its first picture (B-frame delay): they may
                // reach back over the previous piece's last ones, and a stream's decode times must increase.
                if (packet.dts() <= lastDts) {
                    packet.dts(lastDts + 1);
                }
                if (packet.dts() > packet.pts()) {
                    av_packet_unref(packet);
                    throw new FaceblurException(piece + ": no room between pieces for the decode times of its first pictures"
                            + " (the time base is too coarse)");
                }
                lastDts = packet.dts();
                muxer.copyAudioUntil(info.toMicros(packet.dts()) + shiftMicros);
                muxer.writeVideo(packet, timeBase);
                packets++;
            }
            if (pieceStart == Long.MIN_VALUE) {
                throw new FaceblurException(piece + ": holds no video frames");
            }
            lastPts = pieceEnd;
        }
    }

    private static byte[] extradata(AVCodecParameters parameters) {
        int size = parameters.extradata_size();
        byte[] bytes = new byte[Math.max(0, size)];
        if (size > 0) {
            parameters.extradata().get(bytes);
        }
        return bytes;
    }
}
