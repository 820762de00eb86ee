package faceblur.video;

import faceblur.timing.StageTimes;
import faceblur.timing.Stage;
import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
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
    private final OutputMuxer muxer;
    private final VideoReader source;
    private final VideoInfo info;
    private AVCodecContext encoder;
    private final AVPacket packet = av_packet_alloc();
    /**
     * Subtracted from every video pts so the output starts at zero (see StreamCopier#startShiftMicros); set at the
     * first frame, never beyond it.
     */
    private long ptsShift;
    private boolean started;

    /** A writer for the frames of {@code source}, with its audio copied in. */
    public VideoWriter(Path path, Container container, VideoReader source, EncoderSettings settings) {
        this(path, container, source, settings, true);
    }

    /**
     * A writer of video alone, as MP4, for a piece of a video rendered apart from the rest: the same encoder
     * set-up and the same output timestamps as a whole render, so that the pieces can be joined into one.
     */
    public static VideoWriter videoOnly(Path path, VideoReader source, EncoderSettings settings) {
        return new VideoWriter(path, Container.MP4, source, settings, false);
    }

    private VideoWriter(Path path, Container container, VideoReader source, EncoderSettings settings, boolean copyAudio) {
        this.path = path;
        this.source = source;
        this.info = source.info();
        this.muxer = new OutputMuxer(path, container, source.path(), copyAudio, settings.metadata());
        try {
            open(settings, copyAudio);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open(EncoderSettings settings, boolean copyAudio) {
        // Before x264 allocates: what it reads there unwritten must be the same in every process.
        NativeHeap.zeroNewAllocations();
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
        if (muxer.needsGlobalHeader()) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "crf", Integer.toString(settings.crf()), 0);
        av_dict_set(options, "preset", settings.preset(), 0);
        int rc = avcodec_open2(encoder, x264, options);
        av_dict_free(options);
        check(rc, "open the x264 encoder");

        AVCodecParameters parameters = avcodec_parameters_alloc();
        try {
            check(avcodec_parameters_from_context(parameters, encoder), "set up the video stream");
            muxer.addVideo(parameters, encoder.time_base(), info, source.displayMatrix());
        } finally {
            avcodec_parameters_free(parameters);
        }
        muxer.writeHeader(!copyAudio);
    }

    /** Encodes one frame of the source, as it is now (redacted or not), at its own timestamp. */
    public void write(DecodedFrame frame) {
        write(frame.encoderFrame(), frame.pts());
    }

    /** Encodes a frame detached from its reader (it stays the caller's to close). */
    public void write(DetachedFrame frame) {
        write(frame.picture(), frame.pts());
    }

    private void write(AVFrame picture, long pts) {
        if (!started) {
            started = true;
            // The container's start, unless its first frame comes earlier (a damaged header said otherwise):
            // every frame then keeps a time of its own, and the audio moves back by as much.
            long containerShift = info.toPts(muxer.startShiftMicros());
            ptsShift = Math.min(containerShift, Math.max(0, pts));
            if (ptsShift != containerShift) {
                muxer.shiftAudioBy(info.toMicros(ptsShift));
            }
        }
        long muxing = StageTimes.start();
        muxer.copyAudioUntil(info.toMicros(pts));
        StageTimes.stop(Stage.MUX, muxing);
        picture.pts(pts - ptsShift);
        long encoding = StageTimes.start();
        check(avcodec_send_frame(encoder, picture), "encode a frame");
        StageTimes.stop(Stage.ENCODE, encoding);
        drainEncoder();
    }

    private void drainEncoder() {
        while (true) {
            long encoding = StageTimes.start();
            int rc = avcodec_receive_packet(encoder, packet);
            StageTimes.stop(Stage.ENCODE, encoding);
            if (rc == AVERROR_EAGAIN() || rc == AVERROR_EOF()) {
                return;
            }
            check(rc, "encode a frame");
            long muxing = StageTimes.start();
            muxer.writeVideo(packet, encoder.time_base());
            StageTimes.stop(Stage.MUX, muxing);
        }
    }

    /** Flushes the encoder, copies the rest of the audio and completes the file. */
    public void finish() {
        check(avcodec_send_frame(encoder, null), "flush the encoder");
        drainEncoder();
        long muxing = StageTimes.start();
        muxer.finish();
        StageTimes.stop(Stage.MUX, muxing);
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
        av_packet_free(packet);
        muxer.close();
    }
}
