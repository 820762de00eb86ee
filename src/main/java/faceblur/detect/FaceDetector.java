package faceblur.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The YuNet face detector on ONNX Runtime. Owns its inference session; not thread-safe.
 */
public final class FaceDetector implements AutoCloseable {

    private static final int ALIGN = 32;
    /**
     * The picture is mirrored this far beyond each edge before detection: a face cut by the frame's edge is
     * rarely found as it is, but its mirror image completes it (a face is nearly symmetric). On the moving
     * test videos this halved the edge faces missed on two clips of four, for about 12 % more detection time.
     */
    static final int EDGE_MIRROR = 32;

    /**
     * The largest picture the detector is given, after --upscale and the mirrored margins: 4096x2304 (a
     * 4096x2160 frame with its margins fits). ONNX
     * Runtime's working memory grows with the picture, about 120 bytes a pixel (the peak memory of a one-thread
     * blur grew by that much from 1920x1080 to 3840x2160), so an 8192x4320 frame needs some 4.5 GB for one
     * detection alone, and one per core run at once.
     */
    public static final long MAX_PIXELS = 4096L * 2304;

    private final OrtEnvironment env = OnnxSessions.environment();
    private final OrtSession session;
    private final DetectorSettings settings;

    public FaceDetector(Path model, DetectorSettings settings) throws OrtException {
        this(model, settings, SessionTuning.DEFAULT);
    }

    /** A detector whose session is tuned otherwise (bench/session-options compares them). */
    public FaceDetector(Path model, DetectorSettings settings, SessionTuning tuning) throws OrtException {
        this.settings = settings;
        this.session = OnnxSessions.open(model, settings.threads(), tuning);
    }

    /** The ONNX Runtime inside, as it reports itself. */
    public static String runtimeVersion() {
        return OnnxSessions.environment().getVersion();
    }

    public DetectorSettings settings() {
        return settings;
    }

    /** Faces in a BGR 8-bit image, in that image's pixels. */
    public List<Detection> detect(Mat bgr) throws OrtException {
        return detect(bgr, settings.upscale());
    }

    /** Faces in a BGR 8-bit image enlarged by {@code scale} before detection, in the image's own pixels. */
    public List<Detection> detect(Mat bgr, double scale) throws OrtException {
        int width = (int) Math.round(bgr.cols() * scale);
        int height = (int) Math.round(bgr.rows() * scale);
        int paddedWidth = align(width + 2 * EDGE_MIRROR);
        int paddedHeight = align(height + 2 * EDGE_MIRROR);
        try (Mat scaled = new Mat(); Mat padded = new Mat()) {
            Mat source = bgr;
            if (scale != 1.0) {
                resize(bgr, scaled, new Size(width, height), 0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
                source = scaled;
            }
            // Mirrored margins all round; the network takes sizes that are multiples of 32, so the right and
            // bottom margins are wider.
            copyMakeBorder(source, padded, EDGE_MIRROR, paddedHeight - height - EDGE_MIRROR,
                    EDGE_MIRROR, paddedWidth - width - EDGE_MIRROR, BORDER_REFLECT_101, new Scalar(0.0));
            try (Mat blob = blobFromImage(padded)) {
                FloatBuffer input = blob.createBuffer();
                List<Detection> found = run(input, paddedWidth, paddedHeight);
                List<Detection> inPicture = new ArrayList<>(found.size());
                for (Detection d : found) {
                    Detection shifted = d.shifted(-EDGE_MIRROR, -EDGE_MIRROR);
                    // A face wholly in the mirrored margin is a reflection of one inside.
                    if (shifted.box().clippedTo(width, height).area() > 0) {
                        inPicture.add(scale == 1.0 ? shifted : shifted.times(1 / scale));
                    }
                }
                return inPicture;
            }
        }
    }

    private List<Detection> run(FloatBuffer input, int width, int height) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[]{1, 3, height, width});
             OrtSession.Result result = session.run(Map.of("input", tensor))) {
            List<YuNetDecoder.StrideOutputs> outputs = new ArrayList<>(3);
            for (int s : YuNetDecoder.STRIDES) {
                outputs.add(new YuNetDecoder.StrideOutputs(s,
                        OnnxSessions.floats(result, "cls_" + s), OnnxSessions.floats(result, "obj_" + s),
                        OnnxSessions.floats(result, "bbox_" + s), OnnxSessions.floats(result, "kps_" + s)));
            }
            List<Detection> candidates = YuNetDecoder.candidates(outputs, width, height, settings.threshold());
            return YuNetDecoder.nonMaximumSuppression(candidates, settings.nmsIou());
        }
    }

    /** The size of the picture the network sees for a {@code width} x {@code height} image. */
    static long networkPixels(int width, int height, double upscale) {
        return (long) align((int) Math.round(width * upscale) + 2 * EDGE_MIRROR)
                * align((int) Math.round(height * upscale) + 2 * EDGE_MIRROR);
    }

    private static int align(int v) {
        return OnnxSessions.alignUp(v, ALIGN);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
