package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;
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
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * The output file of a render or a join: one H.264 stream described like the source's (frame rate, rotation),
 * the source's audio streams copied in by {@link StreamCopier} (unless video only), the source's tags that the
 * {@link MetadataPolicy} keeps, the
 * start-time shift, and the index up front. Both ways of making an output share it, so they cannot drift apart.
 *
 * <p>Use: {@link #addVideo}, {@link #writeHeader()}, packets, {@link #finish()}.
 */
final class OutputMuxer implements AutoCloseable {

    private final Path path;
    private final Container container;
    private final Path source;
    private final StreamCopier copier;
    private final boolean copyAudio;
    private final MetadataPolicy metadata;
    private AVFormatContext output;
    private AVStream video;
    private boolean ioOpen;

    /** An output for the video of {@code source}; its audio streams are copied in when {@code copyAudio}. */
    OutputMuxer(Path path, Container container, Path source, boolean copyAudio, MetadataPolicy metadata) {
        FfmpegLog.quiet();
        this.path = path;
        this.container = container;
        this.copyAudio = copyAudio;
        this.source = source;
        this.metadata = metadata;
        this.copier = new StreamCopier(source, metadata);
        try {
            output = new AVFormatContext(null);
            check(avformat_alloc_output_context2(output, null, container.muxer(), path.toString()), "create the output");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Whether the encoder must put its stream headers (SPS/PPS) in the codec extradata, not in the stream. */
    boolean needsGlobalHeader() {
        return (output.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
    }

    /** How far every timestamp moves back so that the output starts at zero (see StreamCopier). */
    long startShiftMicros() {
        return copier.startShiftMicros();
    }

    /** Adds the video stream, shown like the source: its frame rate and display matrix. */
    void addVideo(AVCodecParameters parameters, AVRational timeBase, VideoInfo info, byte[] displayMatrix) {
        video = avformat_new_stream(output, null);
        check(avcodec_parameters_copy(video.codecpar(), parameters), "set up the video stream");
        // A tag from the pieces' container may mean nothing in this one.
        video.codecpar().codec_tag(0);
        video.time_base(timeBase);
        if (info.frameRate().isValid()) {
            video.avg_frame_rate(new AVRational().num(info.frameRate().num()).den(info.frameRate().den()));
        }
        if (displayMatrix != null) {
            addSideData(video.codecpar(), AV_PKT_DATA_DISPLAYMATRIX, displayMatrix);
        }
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

    /**
     * Moves the copied audio back by {@code micros} instead (before any is copied): a damaged file can claim a
     * start later than its first frame, and a shift past that frame would give the video negative times.
     */
    void shiftAudioBy(long micros) {
        copier.shiftBy(micros);
    }

    /** Adds the audio streams and tags and writes the file header; the video stream must be added. */
    void writeHeader() {
        writeHeader(false);
    }

    /**
     * As {@link #writeHeader()}; with {@code exactStart}, an MP4's movie clock ticks in the video's own time base
     * (not milliseconds), so that the edit list placing a piece's first frame at its time keeps it exactly.
     */
    void writeHeader(boolean exactStart) {
        if (copyAudio) {
            copier.addAudioStreams(output);
            copier.shiftBy(copier.startShiftMicros());
        }
        output.metadata(copier.fileMetadata());

        AVIOContext io = new AVIOContext(null);
        check(avio_open(io, path.toString(), AVIO_FLAG_WRITE), "open the output file");
        output.pb(io);
        ioOpen = true;
        AVDictionary muxerOptions = new AVDictionary(null);
        if (container != Container.MATROSKA) {
            // The index up front, so that players and browsers can start before the whole file arrives.
            // Kept tags go out as QuickTime keys, the only form that holds every one (Apple's device and place keys).
            av_dict_set(muxerOptions, "movflags", metadata == MetadataPolicy.KEEP ? "+faststart+use_metadata_tags" : "+faststart", 0);
            if (exactStart && video.time_base().den() > 0) {
                String timescale = Integer.toString(video.time_base().den());
                av_dict_set(muxerOptions, "video_track_timescale", timescale, 0);
                av_dict_set(muxerOptions, "movie_timescale", timescale, 0);
            }
        }
        int rc = avformat_write_header(output, muxerOptions);
        av_dict_free(muxerOptions);
        check(rc, "write the output header");
    }

    /** Copies every audio packet up to {@code sourceMicros} (source time), to interleave it with the video. */
    void copyAudioUntil(long sourceMicros) {
        if (copyAudio) {
            copier.copyUntil(sourceMicros, output);
        }
    }

    /** Writes one video packet whose timestamps are in {@code timeBase}. */
    void writeVideo(AVPacket packet, AVRational timeBase) {
        av_packet_rescale_ts(packet, timeBase, video.time_base());
        packet.stream_index(video.index());
        check(av_interleaved_write_frame(output, packet), "write video");
    }

    /** Copies the rest of the audio and completes the file. */
    void finish() {
        copyAudioUntil(Long.MAX_VALUE);
        check(av_write_trailer(output), "complete the output file");
    }

    private void check(int rc, String what) {
        if (rc < 0) {
            String writing = FfmpegLog.writeFailure(rc, path);
            if (writing != null) {
                throw new FaceblurException(writing);
            }
            // The output is a temporary file the user never sees: the input, whose streams the muxer refused, is
            // what to name.
            throw new FaceblurException(source + ": cannot " + what + " (" + FfmpegLog.errorText(rc)
                    + "); the input may be damaged");
        }
    }

    @Override
    public void close() {
        if (output != null) {
            if (ioOpen) {
                avio_closep(output.pb());
                ioOpen = false;
            }
            avformat_free_context(output);
            output = null;
        }
        copier.close();
    }
}
