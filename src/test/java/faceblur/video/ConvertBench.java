package faceblur.video;

import faceblur.detect.Detection;
import faceblur.detect.DetectorSettings;
import faceblur.detect.FaceDetector;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * What the half-size detection pass would save if its frames went from the decoder's YUV straight to the
 * detector's size in one swscale call, instead of to BGR at full size, copied, then shrunk by OpenCV (as
 * Analyzer and FaceDetector do today); and whether the detector would find the same faces. CPU time of this
 * thread per frame, the half-size picture's mean difference, and detections compared frame by frame.
 * In faceblur.video (test scope) to reach the decoded frame. Usage: {@code ConvertBench MODEL VIDEO FRAMES}.
 */
public final class ConvertBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Map<Integer, SwsContext> CONTEXTS = new HashMap<>();

    private ConvertBench() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path video = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        long today = 0, area = 0, bilinear = 0; // CPU nanoseconds
        double diffArea = 0, diffBilinear = 0;
        int sameArea = 0, sameBilinear = 0, facesToday = 0, facesArea = 0, frames = 0;
        DetectorSettings settings = new DetectorSettings(DetectorSettings.DEFAULT_THRESHOLD, 0.3, 1.0, 1);
        try (VideoReader reader = VideoReader.open(video); FaceDetector detector = new FaceDetector(model, settings)) {
            int w = reader.info().width() / 2;
            int h = reader.info().height() / 2;
            for (DecodedFrame f = reader.next(); f != null && frames < count; f = reader.next()) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                Mat half = new Mat();
                try (Mat copy = f.image().clone()) {
                    resize(copy, half, new Size(w, h), 0, 0, INTER_AREA);
                }
                long t1 = THREADS.getCurrentThreadCpuTime();
                Mat byArea = direct(f, w, h, SWS_AREA);
                long t2 = THREADS.getCurrentThreadCpuTime();
                Mat byBilinear = direct(f, w, h, SWS_BILINEAR);
                long t3 = THREADS.getCurrentThreadCpuTime();
                if (frames > 0) { // the first frame sets up swscale and OpenCV: a start-up cost
                    today += t1 - t0;
                    area += t2 - t1;
                    bilinear += t3 - t2;
                }
                diffArea += meanDifference(half, byArea);
                diffBilinear += meanDifference(half, byBilinear);
                List<Detection> reference = detector.detect(half);
                List<Detection> a = detector.detect(byArea);
                sameArea += reference.equals(a) ? 1 : 0;
                sameBilinear += reference.equals(detector.detect(byBilinear)) ? 1 : 0;
                facesToday += reference.size();
                facesArea += a.size();
                half.close();
                byArea.close();
                byBilinear.close();
                frames++;
            }
        }
        int timed = frames - 1;
        System.out.printf(Locale.ROOT, "%s, %d frames to %s of their size; CPU ms/frame (first frame left out):%n",
                video.getFileName(), frames, "half");
        System.out.printf(Locale.ROOT, "  today (BGR at full size, copy, OpenCV INTER_AREA): %.2f%n", today / 1e6 / timed);
        System.out.printf(Locale.ROOT, "  swscale straight to half size, SWS_AREA:           %.2f  (mean |diff| %.2f grey levels, same detections on %d of %d frames)%n",
                area / 1e6 / timed, diffArea / frames, sameArea, frames);
        System.out.printf(Locale.ROOT, "  swscale straight to half size, SWS_BILINEAR:       %.2f  (mean |diff| %.2f, same detections on %d of %d frames)%n",
                bilinear / 1e6 / timed, diffBilinear / frames, sameBilinear, frames);
        System.out.printf(Locale.ROOT, "  faces found: today %d, SWS_AREA %d%n", facesToday, facesArea);
    }

    /** The frame as BGR at {@code w} x {@code h}, colours converted as FrameConverter#toBgr does. */
    private static Mat direct(DecodedFrame frame, int w, int h, int flags) {
        AVFrame src = frame.encoderFrame();
        Mat out = new Mat(h, w, CV_8UC3);
        // One context per filter, made once as FrameConverter's are (the video is limited range).
        SwsContext ctx = CONTEXTS.computeIfAbsent(flags, k -> {
            SwsContext made = sws_getContext(src.width(), src.height(), src.format(), w, h, AV_PIX_FMT_BGR24, flags,
                    null, null, (DoublePointer) null);
            IntPointer coefficients = sws_getCoefficients(SWS_CS_DEFAULT);
            sws_setColorspaceDetails(made, coefficients, 0, coefficients, 1, 0, 1 << 16, 1 << 16);
            return made;
        });
        try (PointerPointer<BytePointer> planes = new PointerPointer<>(4); IntPointer strides = new IntPointer(4)) {
            planes.put(0, out.data());
            strides.put(0, (int) out.step());
            sws_scale(ctx, src.data(), src.linesize(), 0, src.height(), planes, strides);
        }
        return out;
    }

    private static double meanDifference(Mat a, Mat b) {
        try (Mat d = new Mat()) {
            absdiff(a, b, d);
            var m = mean(d);
            return (m.get(0) + m.get(1) + m.get(2)) / 3;
        }
    }
}
