package faceblur.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import faceblur.detect.Detection;
import faceblur.detect.DetectorSettings;
import faceblur.detect.FaceDetector;
import faceblur.detect.SessionTuning;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Detection time per frame under several ONNX Runtime session options, on the first frames of a video, one
 * session with one thread as each of the detector pool's sessions runs; the variants take turns in each round
 * so that all see the same load. Says for each whether its detections equal the default's, frame for frame.
 * Usage: {@code SessionOptionsBench MODEL VIDEO FRAMES ROUNDS [OTHER_MODEL...]}; bench/session-options runs it.
 * With other models (an int8 version of YuNet, say) it compares those models instead, each with faceblur's
 * tuning, against the first.
 */
public final class SessionOptionsBench {

    /** faceblur's default first (the reference), then each option changed on its own from the former default. */
    private static final List<SessionTuning> VARIANTS = Stream.concat(Stream.of(SessionTuning.DEFAULT), Stream.of(
            new SessionTuning(OptLevel.ALL_OPT, true, true, ExecutionMode.SEQUENTIAL),
            new SessionTuning(OptLevel.ALL_OPT, false, true, ExecutionMode.SEQUENTIAL),
            new SessionTuning(OptLevel.ALL_OPT, true, false, ExecutionMode.SEQUENTIAL),
            new SessionTuning(OptLevel.EXTENDED_OPT, true, true, ExecutionMode.SEQUENTIAL),
            new SessionTuning(OptLevel.BASIC_OPT, true, true, ExecutionMode.SEQUENTIAL),
            new SessionTuning(OptLevel.ALL_OPT, true, true, ExecutionMode.PARALLEL))
            .filter(t -> !t.equals(SessionTuning.DEFAULT))).toList();

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SessionOptionsBench() {
    }

    /** One detector to time: a label for the table and how to open it. */
    private record Variant(String label, Path model, SessionTuning tuning) {
    }

    public static void main(String[] args) throws OrtException, IOException {
        Path model = Path.of(args[0]);
        Path video = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        List<Variant> variants = new ArrayList<>();
        if (args.length > 4) {
            for (int i = 0; i < args.length; i++) {
                if (i == 0 || i > 3) {
                    variants.add(new Variant(Path.of(args[i]).getFileName().toString(), Path.of(args[i]), SessionTuning.DEFAULT));
                }
            }
        } else {
            VARIANTS.forEach(t -> variants.add(new Variant(t.label(), model, t)));
        }
        List<Mat> frames = new ArrayList<>();
        try (VideoReader reader = VideoReader.open(video)) {
            for (DecodedFrame f = reader.next(); f != null && frames.size() < count; f = reader.next()) {
                frames.add(f.image().clone());
            }
        }
        DetectorSettings settings = new DetectorSettings(DetectorSettings.DEFAULT_THRESHOLD, 0.3, 1.0, 1);
        Map<Variant, List<Double>> millis = new LinkedHashMap<>();
        Map<Variant, List<List<Detection>>> found = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Variant variant : variants) {
                try (FaceDetector detector = new FaceDetector(variant.model(), settings, variant.tuning())) {
                    detector.detect(frames.get(0)); // the first run sizes the session's buffers
                    List<List<Detection>> faces = new ArrayList<>();
                    // CPU time of this thread, where a one-thread session runs: a loaded machine inflates it less
                    // than the wall time.
                    long start = THREADS.getCurrentThreadCpuTime();
                    for (Mat frame : frames) {
                        faces.add(detector.detect(frame));
                    }
                    double ms = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / frames.size();
                    millis.computeIfAbsent(variant, t -> new ArrayList<>()).add(ms);
                    found.putIfAbsent(variant, faces);
                    System.out.printf(Locale.ROOT, "round %d  %-40s %7.1f CPU ms/frame  (load average %s)%n", round,
                            variant.label(), ms, loadAverage());
                }
            }
        }
        List<List<Detection>> reference = found.get(variants.get(0));
        double baseline = median(millis.get(variants.get(0)));
        System.out.printf(Locale.ROOT, "%n%s, first %d frames (%dx%d), %d rounds; medians:%n", video.getFileName(),
                frames.size(), frames.get(0).cols(), frames.get(0).rows(), rounds);
        System.out.printf(Locale.ROOT, "%-40s %10s %12s %22s%n", "detector", "CPU ms/frame", "vs first", "same detections");
        for (Variant variant : variants) {
            double m = median(millis.get(variant));
            List<List<Detection>> faces = found.get(variant);
            long same = 0;
            for (int i = 0; i < faces.size(); i++) {
                same += faces.get(i).equals(reference.get(i)) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%-40s %10.1f %11.0f%% %15d of %d%n", variant.label(), m,
                    100 * (m / baseline - 1), same, faces.size());
        }
        frames.forEach(Mat::close);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
