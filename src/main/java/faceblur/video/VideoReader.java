package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * Decodes the video stream of a file with FFmpeg, frame by frame in presentation order, with each frame's
 * exact timestamp. Checks the file first so that every failure to open names the file and the reason.
 */
public final class VideoReader implements AutoCloseable {

    private final Path path;
    private AVFormatContext format;
    private AVCodecContext decoder;
    private int streamIndex;
    private VideoInfo info;
    private byte[] displayMatrix;
    private int yuvFormat;
    private boolean fullRange;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private FrameConverter converter;
    private DecodedFrame current;
    private boolean draining;
    private int nextIndex;
    private long lastPts = Long.MIN_VALUE;
    private long firstMicros;
    private boolean clockSet;
    /** After a seek, frames shown before this time (micros from the first frame) are decoded but not returned. */
    private long skipBefore = Long.MIN_VALUE;
    /**
     * The timestamps of video packets sent to the decoder whose frame has not come out yet: at the end, those
     * of the frames that damage kept from being decoded.
     */
    private final TreeSet<Long> undecoded = new TreeSet<>();
    private long packetsSent;
    private boolean closed;
    /** The frames the container's index listed before any reading: the file's own count of its packets. */
    private int indexedAtOpen;

    private VideoReader(Path path) {
        this.path = path;
    }

    public static VideoReader open(Path path) {
        checkReadableFile(path);
        FfmpegLog.quiet();
        VideoReader reader = new VideoReader(path);
        try {
            reader.openStreams();
            return reader;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The facts of a video file, without decoding it. */
    public static VideoInfo probe(Path path) {
        try (VideoReader reader = open(path)) {
            return reader.info();
        }
    }

    /** Fails with a clear message unless {@code path} is a non-empty readable regular file. */
    public static void checkReadableFile(Path path) {
        if (!Files.exists(path)) {
            throw new FaceblurException(path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new FaceblurException(path + ": is a folder, not a video file");
        }
        if (!Files.isRegularFile(path)) {
            // A FIFO or a device (/dev/zero) has no size and may never end: not something to blur.
            throw new FaceblurException(path + ": not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new FaceblurException(path + ": cannot be read (permission denied)");
        }
        try {
            if (Files.size(path) == 0) {
                throw new FaceblurException(path + ": is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new FaceblurException(path + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private void openStreams() {
        AVFormatContext ctx = new AVFormatContext(null);
        int rc = avformat_open_input(ctx, path.toString(), null, null);
        if (rc < 0) {
            throw notReadable(FfmpegLog.errorText(rc));
        }
        format = ctx;
        rc = avformat_find_stream_info(format, (AVDictionary) null);
        if (rc < 0) {
            throw notReadable(FfmpegLog.errorText(rc));
        }
        streamIndex = videoStream(format);
        if (streamIndex < 0) {
            throw new FaceblurException(path + ": has no video stream");
        }
        AVStream stream = format.streams(streamIndex);
        AVCodecParameters par = stream.codecpar();
        if (par.width() <= 0 || par.height() <= 0) {
            throw notReadable("the video stream has no picture size");
        }
        if (par.codec_id() == AV_CODEC_ID_NONE) {
            throw notReadable("the video stream names no codec");
        }
        AVCodec codec = avcodec_find_decoder(par.codec_id());
        if (codec == null || codec.isNull()) {
            throw new FaceblurException(path + ": no decoder for video codec " + avcodec_get_name(par.codec_id()).getString());
        }
        decoder = avcodec_alloc_context3(codec);
        check(avcodec_parameters_to_context(decoder, par), "set up the decoder");
        decoder.pkt_timebase(stream.time_base());
        decoder.thread_count(0);
        check(avcodec_open2(decoder, codec, (AVDictionary) null), "open the decoder");

        info = describe(stream, par);
        indexedAtOpen = avformat_index_get_entries_count(stream);
        displayMatrix = DisplayMatrix.of(par);
        yuvFormat = PixelFormats.forSize(par.width(), par.height());
        fullRange = info.fullRange();
        converter = new FrameConverter(path, par.width(), par.height(), yuvFormat);
    }

    /**
     * The main video: the longest video stream that is not an attached cover image. A cover can come as an
     * ordinary one-frame stream before the film (Matroska made from a file with cover art does this), so the
     * first video stream is not necessarily the one to blur; taking it would turn the film into one frame.
     * Streams of unknown length count as 0 and the first of equal length wins.
     */
    static int videoStream(AVFormatContext format) {
        int best = -1;
        double bestSeconds = -1;
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream s = format.streams(i);
            if (s.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && (s.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                double seconds = seconds(s);
                if (seconds > bestSeconds) {
                    best = i;
                    bestSeconds = seconds;
                }
            }
        }
        return best;
    }

    /** A stream's length: its duration, else its frame count at its rate, else Matroska's DURATION tag, else 0. */
    private static double seconds(AVStream s) {
        AVRational tb = s.time_base();
        if (s.duration() != AV_NOPTS_VALUE && s.duration() > 0 && tb.den() > 0) {
            return s.duration() * (double) tb.num() / tb.den();
        }
        AVRational rate = s.avg_frame_rate();
        if (s.nb_frames() > 0 && rate.num() > 0 && rate.den() > 0) {
            return s.nb_frames() * (double) rate.den() / rate.num();
        }
        AVDictionaryEntry tag = av_dict_get(s.metadata(), "DURATION", null, 0);
        if (tag != null && !tag.isNull()) {
            String[] hms = tag.value().getString().trim().split(":");
            try {
                if (hms.length == 3) {
                    return Integer.parseInt(hms[0]) * 3600.0 + Integer.parseInt(hms[1]) * 60.0 + Double.parseDouble(hms[2]);
                }
            } catch (NumberFormatException e) {
                return 0; // a damaged tag says nothing about the length
            }
        }
        return 0;
    }

    private VideoInfo describe(AVStream stream, AVCodecParameters par) {
        Rational timeBase = rational(stream.time_base());
        Rational rate = rational(stream.avg_frame_rate());
        if (!rate.isValid()) {
            rate = rational(stream.r_frame_rate());
        }
        long duration = 0;
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
            duration = Math.round(stream.duration() * 1_000_000.0 * timeBase.num() / timeBase.den());
        } else if (format.duration() != AV_NOPTS_VALUE && format.duration() > 0) {
            duration = format.duration();
        }
        List<String> audio = new ArrayList<>();
        int unreadableAudio = 0;
        for (int i = 0; i < format.nb_streams(); i++) {
            AVCodecParameters p = format.streams(i).codecpar();
            if (StreamCopier.isCopyableAudio(p)) {
                audio.add(avcodec_get_name(p.codec_id()).getString());
            } else if (p.codec_type() == AVMEDIA_TYPE_AUDIO) {
                unreadableAudio++;
            }
        }
        boolean full = par.color_range() == AVCOL_RANGE_JPEG || PixelFormats.isJpegRange(par.format());
        return new VideoInfo(format.iformat().long_name().getString(), avcodec_get_name(par.codec_id()).getString(),
                par.width(), par.height(), rate, timeBase, duration, Math.max(0, stream.nb_frames()),
                DisplayMatrix.rotation(par), full, rational(par.sample_aspect_ratio()), audio, unreadableAudio);
    }

    private static Rational rational(AVRational r) {
        return new Rational(r.num(), r.den());
    }

    private FaceblurException notReadable(String reason) {
        return new FaceblurException(path + ": not a video file FFmpeg can read, or truncated or damaged (" + reason + ")");
    }

    private void check(int rc, String what) {
        if (rc < 0) {
            throw new FaceblurException(path + ": cannot " + what + " (" + FfmpegLog.errorText(rc) + ")");
        }
    }

    public Path path() {
        return path;
    }

    public VideoInfo info() {
        return info;
    }

    /** The display matrix the output must carry to be shown the same way, or null. */
    byte[] displayMatrix() {
        return displayMatrix;
    }

    /** Gives the encoder this video's colour primaries, transfer and matrix: its YUV passes through. */
    void copyColourTags(AVCodecContext encoder) {
        AVCodecParameters par = format.streams(streamIndex).codecpar();
        encoder.color_primaries(par.color_primaries());
        encoder.color_trc(par.color_trc());
        encoder.colorspace(par.color_space());
    }

    /** The layout frames are handed to the encoder in. */
    int yuvFormat() {
        return yuvFormat;
    }

    /** Whether frames reach the encoder as decoded, so the output keeps the source's range tag. */
    boolean passesThrough() {
        return PixelFormats.sameLayout(decoder.pix_fmt(), yuvFormat);
    }

    /** Whether the encoder's input is full-range (JPEG) luma. */
    boolean encodesFullRange() {
        return fullRange && passesThrough();
    }

    /** The next frame, or null after the last. The previous frame is no longer valid. */
    public DecodedFrame next() {
        if (closed) {
            throw new IllegalStateException(path + ": read after close");
        }
        if (current != null) {
            current.release();
            current = null;
        }
        while (receive()) {
            undecoded.remove(frame.pts());
            long pts = frame.best_effort_timestamp();
            if (pts == AV_NOPTS_VALUE) {
                pts = lastPts == Long.MIN_VALUE ? 0 : lastPts + 1;
            }
            // Broken files can repeat a timestamp; an encoder and muxer need them strictly increasing.
            if (pts <= lastPts) {
                pts = lastPts + 1;
            }
            if (!clockSet) {
                firstMicros = info.toMicros(pts);
                clockSet = true;
            }
            lastPts = pts;
            long micros = info.toMicros(pts) - firstMicros;
            if (micros < skipBefore) {
                continue;
            }
            boolean passThrough = PixelFormats.sameLayout(frame.format(), yuvFormat);
            boolean frameFullRange = frame.color_range() == AVCOL_RANGE_JPEG || PixelFormats.isJpegRange(frame.format());
            current = new DecodedFrame(nextIndex++, pts, micros, frame, converter, yuvFormat, frameFullRange, passThrough);
            return current;
        }
        return null;
    }

    /**
     * Moves to the keyframe at or before {@code micros} (the clock of {@link DecodedFrame#micros()}) and decodes
     * from there, so that the next frame is the first one shown at or after {@code micros}: only one group of
     * pictures is decoded, not the video up to it. Frames of an open group that belong before {@code micros}
     * are dropped. {@code frameIndex} is what {@link DecodedFrame#index()} says of that frame.
     */
    public void seekTo(long micros, int frameIndex) {
        if (!clockSet && next() == null) {
            return; // The first frame fixes the clock; an empty video has nothing to seek in.
        }
        if (current != null) {
            current.release();
            current = null;
        }
        long target = info.toPts(micros + firstMicros);
        check(av_seek_frame(format, streamIndex, target, AVSEEK_FLAG_BACKWARD), "seek to " + micros + " µs");
        avcodec_flush_buffers(decoder);
        undecoded.clear();
        draining = false;
        lastPts = Long.MIN_VALUE;
        skipBefore = micros;
        nextIndex = frameIndex;
    }

    /** Decodes until a frame comes out; false at the end of the stream. */
    private boolean receive() {
        while (true) {
            int rc = avcodec_receive_frame(decoder, frame);
            if (rc >= 0) {
                return true;
            }
            if (rc == AVERROR_EOF()) {
                return false;
            }
            // EAGAIN: the decoder wants more input. Any other error is a damaged picture, skipped as players
            // do; a file missing frames is caught by checkComplete.
            if (draining) {
                return false;
            }
            feed();
        }
    }

    /** Sends the next packet of the video stream to the decoder, or the end-of-stream signal. */
    private void feed() {
        while (true) {
            if (av_read_frame(format, packet) < 0) {
                avcodec_send_packet(decoder, null);
                draining = true;
                return;
            }
            if (packet.stream_index() != streamIndex) {
                av_packet_unref(packet);
                continue;
            }
            // Packets the container marks to be dropped (before an edit list's start) never become frames.
            if ((packet.flags() & AV_PKT_FLAG_DISCARD) == 0) {
                packetsSent++;
                if (packet.pts() != AV_NOPTS_VALUE) {
                    undecoded.add(packet.pts());
                }
            }
            avcodec_send_packet(decoder, packet);
            av_packet_unref(packet);
            return;
        }
    }

    /** How many frames have been read so far. */
    public int framesRead() {
        return nextIndex;
    }

    /**
     * After the last frame: the frames that could not be decoded. Fails when more than a few are missing
     * (over 2 frames and 1 %): the file was cut short or is badly damaged, and a partial output would pass for
     * the whole video.
     */
    public DecodeLosses checkComplete() {
        long declared = info.declaredFrames();
        // FFmpeg's AVI muxer counts in the header an empty chunk it writes to keep the rate, and leaves it out of
        // the index: a few frames more declared than a whole index holds are that padding, not damage.
        if (indexedAtOpen > 0 && indexedAtOpen < declared && declared - indexedAtOpen <= Math.max(2, declared / 100)) {
            declared = indexedAtOpen;
        }
        // The header's count where there is one, else the packets read (Matroska declares none).
        long frames = declared > 0 ? declared : packetsSent;
        long lost = Math.max(frames - nextIndex, 0);
        if (nextIndex == 0) {
            throw new FaceblurException(path + ": no video frame could be decoded");
        }
        if (lost > Math.max(2, frames / 100)) {
            throw new FaceblurException(path + ": truncated or damaged: " + (declared > 0 ? "the header declares "
                    : "the file holds ") + frames + " frames but only " + nextIndex + " could be decoded");
        }
        // The times of the lost frames only when the packets left without a frame account for exactly those.
        List<Long> lostMicros = undecoded.size() != lost ? List.of()
                : undecoded.stream().map(pts -> Math.max(0, info.toMicros(pts) - firstMicros)).toList();
        long frameMicros = info.frameRate().isValid() ? Math.round(1e6 / info.frameRate().toDouble()) : 0;
        return new DecodeLosses(frames, lost, lostMicros, frameMicros);
    }

    /**
     * Frees the decoder, the demuxer and the converter, each once and nulled: a second close (a failure path
     * closing what a try-with-resources closes again) does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            current.release();
            current = null;
        }
        if (converter != null) {
            converter.close();
            converter = null;
        }
        av_frame_free(frame);
        av_packet_free(packet);
        if (decoder != null) {
            avcodec_free_context(decoder);
            decoder = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
    }
}
