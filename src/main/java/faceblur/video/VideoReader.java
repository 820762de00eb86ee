package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;

/**
 * Decodes the video stream of a file, frame by frame in presentation order, as BGR images with their exact
 * timestamps. Checks the file first so that every failure to open names the file and the reason.
 */
public final class VideoReader implements AutoCloseable {

    private final Path path;
    private final FFmpegFrameGrabber grabber;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final VideoInfo info;
    private int nextIndex;
    private long lastPts = Long.MIN_VALUE;

    private VideoReader(Path path, FFmpegFrameGrabber grabber, VideoInfo info) {
        this.path = path;
        this.grabber = grabber;
        this.info = info;
    }

    public static VideoReader open(Path path) {
        checkReadableFile(path);
        FfmpegLog.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toFile());
        grabber.setPixelFormat(AV_PIX_FMT_BGR24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            throw new FaceblurException(path + ": not a video file FFmpeg can read, or truncated or damaged ("
                    + FfmpegLog.reason(e) + ")");
        }
        if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            closeQuietly(grabber);
            throw new FaceblurException(path + ": has no video stream");
        }
        return new VideoReader(path, grabber, describe(grabber));
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

    private static VideoInfo describe(FFmpegFrameGrabber grabber) {
        AVFormatContext oc = grabber.getFormatContext();
        AVStream stream = oc.streams(grabber.getVideoStream());
        AVCodecParameters par = stream.codecpar();
        Rational timeBase = rational(stream.time_base());
        Rational rate = rational(stream.avg_frame_rate());
        if (!rate.isValid()) {
            rate = rational(stream.r_frame_rate());
        }
        long duration = 0;
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
            duration = Math.round(stream.duration() * 1_000_000.0 * timeBase.num() / timeBase.den());
        } else if (oc.duration() != AV_NOPTS_VALUE && oc.duration() > 0) {
            duration = oc.duration();
        }
        List<String> audio = new ArrayList<>();
        for (int i = 0; i < oc.nb_streams(); i++) {
            AVCodecParameters p = oc.streams(i).codecpar();
            if (p.codec_type() == AVMEDIA_TYPE_AUDIO) {
                audio.add(avcodec_get_name(p.codec_id()).getString());
            }
        }
        int pixFmt = par.format();
        boolean fullRange = par.color_range() == AVCOL_RANGE_JPEG || pixFmt == AV_PIX_FMT_YUVJ420P
                || pixFmt == AV_PIX_FMT_YUVJ422P || pixFmt == AV_PIX_FMT_YUVJ444P;
        double rotation = grabber.getDisplayRotation();
        return new VideoInfo(oc.iformat().long_name().getString(), avcodec_get_name(par.codec_id()).getString(),
                par.width(), par.height(), rate, timeBase, duration, Math.max(0, stream.nb_frames()),
                Double.isNaN(rotation) ? 0 : rotation, fullRange, rational(par.sample_aspect_ratio()), audio);
    }

    private static Rational rational(AVRational r) {
        return new Rational(r.num(), r.den());
    }

    public Path path() {
        return path;
    }

    public VideoInfo info() {
        return info;
    }

    /** The next frame, or null after the last. The previous frame's image is no longer valid. */
    public DecodedFrame next() {
        return next(true);
    }

    /**
     * The next frame, or null after the last. Without {@code withImage} the frame is decoded (to learn its
     * timestamp) but not converted to BGR, which saves the conversion on frames nobody looks at; its image
     * is then null.
     */
    public DecodedFrame next(boolean withImage) {
        Frame frame;
        try {
            frame = grabber.grabFrame(false, true, withImage, false, false);
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new FaceblurException(path + ": cannot decode frame " + nextIndex + " (" + FfmpegLog.reason(e) + ")");
        }
        if (frame == null) {
            return null;
        }
        long pts = info.toPts(frame.timestamp);
        // Broken files can repeat a timestamp; an encoder and muxer need them strictly increasing.
        if (pts <= lastPts) {
            pts = lastPts + 1;
        }
        lastPts = pts;
        return new DecodedFrame(nextIndex++, pts, withImage ? converter.convert(frame) : null);
    }

    /** How many frames have been read so far. */
    public int framesRead() {
        return nextIndex;
    }

    /**
     * Fails when fewer frames came out than the header promised: the file was cut short, and a partial
     * output would pass for the whole video.
     */
    public void checkComplete() {
        long declared = info.declaredFrames();
        if (declared > 0 && nextIndex < declared - Math.max(2, declared / 100)) {
            throw new FaceblurException(path + ": truncated or damaged: the header declares " + declared
                    + " frames but only " + nextIndex + " could be decoded");
        }
        if (nextIndex == 0) {
            throw new FaceblurException(path + ": no video frame could be decoded");
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // Already failing with a clearer message.
        }
    }

    @Override
    public void close() {
        closeQuietly(grabber);
        converter.close();
    }
}
