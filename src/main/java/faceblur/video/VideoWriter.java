package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * Encodes the frames of a {@link VideoReader} with x264 at their own timestamps, and muxes them with the source's audio streams
 * copied packet for packet. Frame timing is the source's own (its time base, each frame's pts), so variable
 * frame rates and 29.97 fps survive exactly.
 *
 * <p>Call {@link #finish()} after the last frame; closing without it abandons a file that must be deleted.
 */
public final class VideoWriter implements AutoCloseable {

    private final Path path;
    private final StreamCopier copier;
    private final VideoReader source;
    private final VideoInfo info;
    private AVFormatContext output;
    private AVCodecContext encoder;
    private AVStream videoStream;
    private final AVPacket packet = av_packet_alloc();
    private boolean ioOpen;
    /** Subtracted from every video pts so the output starts at zero (see StreamCopier#startShiftMicros). */
    private long ptsShift;

    /** A writer for the frames of {@code source}, with its audio copied in. */
    public VideoWriter(Path path, Container container, VideoReader source, EncoderSettings settings) {
        FfmpegLog.quiet();
        this.path = path;
        this.source = source;
        this.info = source.info();
        this.copier = new StreamCopier(source.path());
        try {
            open(container, settings);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open(Container container, EncoderSettings settings) {
        output = new AVFormatContext(null);
        check(avformat_alloc_output_context2(output, null, container.muxer(), path.toString()), "create the output");

        AVCodec x264 = avcodec_find_encoder_by_name("libx264");
        if (x264 == null || x264.isNull()) {
            throw new FaceblurException("this FFmpeg build has no libx264 encoder");
        }
        encoder = avcodec_alloc_context3(x264);
        encoder.width(info.width());
        encoder.height(info.height());
        encoder.pix_fmt(source.yuvFormat());
        encoder.time_base(avRational(info.timeBase()));
        if (info.frameRate().isValid()) {
            encoder.framerate(avRational(info.frameRate()));
        }
        if (info.sampleAspect().isValid()) {
            encoder.sample_aspect_ratio(avRational(info.sampleAspect()));
        }
        // Pictures pass through in the source's own YUV: keep its colour description.
        encoder.color_range(source.encodesFullRange() ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG);
        source.copyColourTags(encoder);
        encoder.thread_count(settings.threads());
        if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "crf", Integer.toString(settings.crf()), 0);
        av_dict_set(options, "preset", settings.preset(), 0);
        int rc = avcodec_open2(encoder, x264, options);
        av_dict_free(options);
        check(rc, "open the x264 encoder");

        videoStream = avformat_new_stream(output, null);
        check(avcodec_parameters_from_context(videoStream.codecpar(), encoder), "set up the video stream");
        videoStream.time_base(encoder.time_base());
        if (info.frameRate().isValid()) {
            videoStream.avg_frame_rate(avRational(info.frameRate()));
        }
        byte[] matrix = source.displayMatrix();
        if (matrix != null) {
            addSideData(videoStream.codecpar(), AV_PKT_DATA_DISPLAYMATRIX, matrix);
        }
        copier.addAudioStreams(output);
        long shiftMicros = copier.startShiftMicros();
        copier.shiftBy(shiftMicros);
        ptsShift = info.toPts(shiftMicros);
        output.metadata(copier.fileMetadata());

        AVIOContext io = new AVIOContext(null);
        check(avio_open(io, path.toString(), AVIO_FLAG_WRITE), "open the output file");
        output.pb(io);
        ioOpen = true;
        AVDictionary muxerOptions = new AVDictionary(null);
        if (container != Container.MATROSKA) {
            // The index up front, so that players and browsers can start before the whole file arrives.
            av_dict_set(muxerOptions, "movflags", "+faststart", 0);
        }
        rc = avformat_write_header(output, muxerOptions);
        av_dict_free(muxerOptions);
        check(rc, "write the output header");
    }

    private static void addSideData(AVCodecParameters par, int type, byte[] data) {
        // av_packet_side_data_new grows the array in place: hand it the field's current value, store the new one.
        PointerPointer<AVPacketSideData> array = new PointerPointer<>(1);
        array.put(0, par.coded_side_data());
        IntPointer count = new IntPointer(1).put(par.nb_coded_side_data());
        AVPacketSideData added = av_packet_side_data_new(array, count, type, data.length, 0);
        if (added == null || added.isNull()) {
            throw new FaceblurException("cannot keep the video's rotation: out of memory");
        }
        new BytePointer(added.data()).capacity(data.length).put(data);
        par.coded_side_data(new AVPacketSideData(array.get(0)));
        par.nb_coded_side_data(count.get());
    }

    /** Encodes one frame of the source, as it is now (redacted or not), at its own timestamp. */
    public void write(DecodedFrame frame) {
        copier.copyUntil(info.toMicros(frame.pts()), output);
        AVFrame picture = frame.encoderFrame();
        picture.pts(frame.pts() - ptsShift);
        check(avcodec_send_frame(encoder, picture), "encode a frame");
        drainEncoder();
    }

    private void drainEncoder() {
        while (true) {
            int rc = avcodec_receive_packet(encoder, packet);
            if (rc == AVERROR_EAGAIN() || rc == AVERROR_EOF()) {
                return;
            }
            check(rc, "encode a frame");
            av_packet_rescale_ts(packet, encoder.time_base(), videoStream.time_base());
            packet.stream_index(videoStream.index());
            check(av_interleaved_write_frame(output, packet), "write video");
        }
    }

    /** Flushes the encoder, copies the rest of the audio and completes the file. */
    public void finish() {
        check(avcodec_send_frame(encoder, null), "flush the encoder");
        drainEncoder();
        copier.copyUntil(Long.MAX_VALUE, output);
        check(av_write_trailer(output), "complete the output file");
    }

    private void check(int rc, String what) {
        if (rc < 0) {
            throw new FaceblurException(path + ": cannot " + what + " (" + FfmpegLog.errorText(rc) + ")");
        }
    }

    private static AVRational avRational(Rational r) {
        return new AVRational().num(r.num()).den(r.den());
    }

    @Override
    public void close() {
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        if (output != null) {
            if (ioOpen) {
                avio_closep(output.pb());
                ioOpen = false;
            }
            avformat_free_context(output);
            output = null;
        }
        av_packet_free(packet);
        copier.close();
    }
}
