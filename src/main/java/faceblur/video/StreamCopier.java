package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;
import java.util.Arrays;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * Copies the audio streams of the source into the output packet by packet, never decoding them, so that the
 * sound stays bit-exact. Also hands over the file's tags, as far as the {@link MetadataPolicy} lets them through.
 */
final class StreamCopier implements AutoCloseable {

    private final Path source;
    private final MetadataPolicy metadata;
    private final AVFormatContext input;
    private final int[] outputIndex;
    private final AVPacket packet = av_packet_alloc();
    private boolean pending;
    private boolean exhausted;
    private long shiftMicros;

    StreamCopier(Path source, MetadataPolicy metadata) {
        this.source = source;
        this.metadata = metadata;
        AVFormatContext ctx = new AVFormatContext(null);
        int rc = avformat_open_input(ctx, source.toString(), null, null);
        if (rc < 0) {
            throw new FaceblurException(source + ": cannot be opened to copy its audio (" + FfmpegLog.errorText(rc) + ")");
        }
        rc = avformat_find_stream_info(ctx, (AVDictionary) null);
        if (rc < 0) {
            avformat_close_input(ctx);
            throw new FaceblurException(source + ": cannot read its streams (" + FfmpegLog.errorText(rc) + ")");
        }
        this.input = ctx;
        this.outputIndex = new int[ctx.nb_streams()];
        Arrays.fill(outputIndex, -1);
    }

    /** Adds one output stream per source audio stream, with the same codec parameters and the tags the policy keeps. */
    void addAudioStreams(AVFormatContext output) {
        for (int i = 0; i < input.nb_streams(); i++) {
            AVStream in = input.streams(i);
            if (!isCopyableAudio(in.codecpar())) {
                continue;
            }
            AVStream out = avformat_new_stream(output, null);
            int rc = avcodec_parameters_copy(out.codecpar(), in.codecpar());
            if (rc < 0) {
                throw new FaceblurException(source + ": cannot copy audio stream " + i + " (" + FfmpegLog.errorText(rc) + ")");
            }
            // The source container's codec tag may mean nothing in the output container.
            out.codecpar().codec_tag(0);
            out.time_base(in.time_base());
            out.disposition(in.disposition());
            out.metadata(metadata.streamTags(in.metadata()));
            outputIndex[i] = out.index();
        }
    }

    /**
     * Whether a stream is audio that can be copied: damage can leave an audio stream with no codec, which no
     * muxer takes. Such a stream is left out (the command warns of it).
     */
    static boolean isCopyableAudio(AVCodecParameters p) {
        return p.codec_type() == AVMEDIA_TYPE_AUDIO && p.codec_id() != AV_CODEC_ID_NONE;
    }

    /** The source's file-level tags the policy keeps, as a new dictionary for the output. */
    AVDictionary fileMetadata() {
        return metadata.fileTags(input.metadata());
    }

    /**
     * When the source starts late (an MPEG-TS at 1.4 s, a cut from a longer recording), the output starts at
     * zero, as FFmpeg's own copy does: players would otherwise hold the first picture for that long. Every
     * stream moves by the same amount, so sync and the gaps between frames are untouched.
     */
    long startShiftMicros() {
        long start = input.start_time();
        return start == AV_NOPTS_VALUE ? 0 : Math.max(0, start);
    }

    /** Audio timestamps move back by this much when copied (see {@link #startShiftMicros()}). */
    void shiftBy(long micros) {
        this.shiftMicros = micros;
    }

    /** Writes every audio packet up to {@code micros} (source time) into the output. */
    void copyUntil(long micros, AVFormatContext output) {
        while (!exhausted) {
            if (!pending) {
                if (av_read_frame(input, packet) < 0) {
                    exhausted = true;
                    return;
                }
                if (outputIndex[packet.stream_index()] < 0) {
                    av_packet_unref(packet);
                    continue;
                }
                pending = true;
            }
            if (micros != Long.MAX_VALUE && timeMicros(packet) > micros) {
                return;
            }
            write(output);
        }
    }

    private long timeMicros(AVPacket p) {
        long t = p.dts() != AV_NOPTS_VALUE ? p.dts() : p.pts();
        if (t == AV_NOPTS_VALUE) {
            return Long.MIN_VALUE;
        }
        AVRational tb = input.streams(p.stream_index()).time_base();
        return Math.round(t * 1_000_000.0 * tb.num() / tb.den());
    }

    private void write(AVFormatContext output) {
        int in = packet.stream_index();
        int out = outputIndex[in];
        if (shiftMicros != 0) {
            AVRational tb = input.streams(in).time_base();
            long shift = Math.round(shiftMicros * (double) tb.den() / (1_000_000.0 * tb.num()));
            if (packet.pts() != AV_NOPTS_VALUE) {
                packet.pts(packet.pts() - shift);
            }
            if (packet.dts() != AV_NOPTS_VALUE) {
                packet.dts(packet.dts() - shift);
            }
        }
        av_packet_rescale_ts(packet, input.streams(in).time_base(), output.streams(out).time_base());
        packet.stream_index(out);
        packet.pos(-1);
        int rc = av_interleaved_write_frame(output, packet);
        pending = false;
        if (rc < 0) {
            String writing = output.url() == null ? null : FfmpegLog.writeFailure(rc, Path.of(output.url().getString()));
            if (writing != null) {
                throw new FaceblurException(writing);
            }
            throw new FaceblurException(source + ": cannot copy its audio (" + FfmpegLog.errorText(rc)
                    + "); the input may be damaged");
        }
    }

    @Override
    public void close() {
        av_packet_free(packet);
        avformat_close_input(input);
    }
}
