package faceblur.video;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

/** An AVPacket freed by try-with-resources, for code that reads packets without a longer-lived owner. */
final class OwnedPacket implements AutoCloseable {

    private final AVPacket packet = av_packet_alloc();

    AVPacket get() {
        return packet;
    }

    @Override
    public void close() {
        av_packet_free(packet);
    }
}
