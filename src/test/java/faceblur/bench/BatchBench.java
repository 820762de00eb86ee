package faceblur.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import faceblur.detect.OnnxSessions;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImages;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Whether YuNet costs less per frame when ONNX Runtime is given several frames in one call (a batch), as the
 * detector pool runs it: one session of one thread per core. Prints the model's input shape as ONNX Runtime's
 * Java API reports it, then for batches of 1, 2 and 4 frames (same size) the wall and the process CPU time per
 * frame with {@code WORKERS} sessions working at once, in interleaved rounds, and the largest difference between
 * a frame's raw outputs run alone and run in a batch.
 * Usage: {@code BatchBench MODEL VIDEO FRAMES ROUNDS SCALE WORKERS}; bench/batch runs it.
 */
public final class BatchBench {

    private static final int[] BATCHES = {1, 2, 4};
    private static final int MARGIN = 32;

    private BatchBench() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path video = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        double scale = Double.parseDouble(args[4]);
        int workers = Integer.parseInt(args[5]);
        OrtEnvironment env = OnnxSessions.environment();
        List<OrtSession> sessions = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            sessions.add(OnnxSessions.open(model, 1));
        }
        for (Map.Entry<String, NodeInfo> in : sessions.get(0).getInputInfo().entrySet()) {
            System.out.println("input " + in.getKey() + " shape " + Arrays.toString(((TensorInfo) in.getValue().getInfo()).getShape())
                    + " (-1: any size)");
        }
        List<Mat> frames = padded(video, count, scale);
        int w = frames.get(0).cols();
        int h = frames.get(0).rows();
        System.out.printf(Locale.ROOT, "%s: %d frames at scale %.2f, network input %dx%d, %d sessions of 1 thread%n",
                video.getFileName(), frames.size(), scale, w, h, workers);
        System.out.printf(Locale.ROOT, "batch 1 vs batch N, same frame: largest output difference %.2e%n",
                largestDifference(env, sessions.get(0), frames));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int round = 1; round <= rounds; round++) {
            for (int batch : BATCHES) {
                List<List<Mat>> groups = new ArrayList<>();
                for (int i = 0; i + batch <= frames.size(); i += batch) {
                    groups.add(frames.subList(i, i + batch));
                }
                run(env, sessions, pool, groups.subList(0, Math.min(workers, groups.size()))); // sizes the buffers
                long cpu0 = processCpu();
                long t0 = System.nanoTime();
                run(env, sessions, pool, groups);
                double wall = (System.nanoTime() - t0) / 1e6 / (groups.size() * batch);
                double cpu = (processCpu() - cpu0) / 1e6 / (groups.size() * batch);
                System.out.printf(Locale.ROOT, "round %d  batch %d  %6.1f ms/frame wall  %6.1f ms/frame CPU  (load average %s)%n",
                        round, batch, wall, cpu, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            }
        }
        pool.shutdown();
        for (OrtSession s : sessions) {
            s.close();
        }
    }

    /** Every group through the sessions, one group per session at a time. */
    private static void run(OrtEnvironment env, List<OrtSession> sessions, ExecutorService pool, List<List<Mat>> groups)
            throws Exception {
        List<Future<?>> done = new ArrayList<>();
        int per = (groups.size() + sessions.size() - 1) / sessions.size();
        for (int s = 0; s < sessions.size(); s++) {
            OrtSession session = sessions.get(s);
            List<List<Mat>> mine = groups.subList(Math.min(groups.size(), s * per), Math.min(groups.size(), (s + 1) * per));
            done.add(pool.submit(() -> {
                for (List<Mat> g : mine) {
                    infer(env, session, g).close();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    private static OrtSession.Result infer(OrtEnvironment env, OrtSession session, List<Mat> batch) throws OrtException {
        try (MatVector images = new MatVector(batch.toArray(new Mat[0])); Mat blob = blobFromImages(images)) {
            FloatBuffer input = blob.createBuffer();
            Mat first = batch.get(0);
            try (OnnxTensor t = OnnxTensor.createTensor(env, input, new long[]{batch.size(), 3, first.rows(), first.cols()})) {
                return session.run(Map.of("input", t));
            }
        }
    }

    /** The largest absolute difference between each frame's outputs alone and in batches of 2 and 4. */
    private static double largestDifference(OrtEnvironment env, OrtSession session, List<Mat> frames) throws OrtException {
        double worst = 0;
        for (int batch : new int[]{2, 4}) {
            for (int i = 0; i + batch <= frames.size(); i += batch) {
                try (OrtSession.Result together = infer(env, session, frames.subList(i, i + batch))) {
                    for (int k = 0; k < batch; k++) {
                        try (OrtSession.Result alone = infer(env, session, frames.subList(i + k, i + k + 1))) {
                            for (Map.Entry<String, ai.onnxruntime.OnnxValue> out : alone) {
                                FloatBuffer a = ((OnnxTensor) out.getValue()).getFloatBuffer();
                                FloatBuffer b = OnnxSessions.floats(together, out.getKey());
                                int n = a.remaining();
                                for (int j = 0; j < n; j++) {
                                    worst = Math.max(worst, Math.abs(a.get(j) - b.get(k * n + j)));
                                }
                            }
                        }
                    }
                }
            }
        }
        return worst;
    }

    /** The first frames, shrunk by {@code scale} and given mirrored margins to a multiple of 32, as FaceDetector does. */
    private static List<Mat> padded(Path video, int count, double scale) {
        List<Mat> frames = new ArrayList<>();
        try (VideoReader reader = VideoReader.open(video)) {
            for (DecodedFrame f = reader.next(); f != null && frames.size() < count; f = reader.next()) {
                Mat bgr = f.image();
                int w = (int) Math.round(bgr.cols() * scale);
                int h = (int) Math.round(bgr.rows() * scale);
                Mat scaled = new Mat();
                resize(bgr, scaled, new Size(w, h), 0, 0, INTER_AREA);
                int pw = OnnxSessions.alignUp(w + 2 * MARGIN, 32);
                int ph = OnnxSessions.alignUp(h + 2 * MARGIN, 32);
                Mat p = new Mat();
                copyMakeBorder(scaled, p, MARGIN, ph - h - MARGIN, MARGIN, pw - w - MARGIN, BORDER_REFLECT_101, new Scalar(0.0));
                scaled.close();
                frames.add(p);
            }
        }
        return frames;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
