package faceblur.text;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.OnnxSessions;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * PaddleOCR's PP-OCRv4 text detector on ONNX Runtime: finds lines and words of text (licence plates, signs,
 * badges, screens) in a picture. Owns its inference session; not thread-safe.
 */
public final class TextDetector implements AutoCloseable {

    private static final int ALIGN = 32;
    /** The network's input normalisation (ImageNet's), in RGB order. */
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    private final OrtSession session;
    private final String input;
    private final TextSettings settings;

    /** A detector on {@code model}; a file ONNX Runtime cannot load is named. */
    public TextDetector(Path model, TextSettings settings) {
        this.settings = settings;
        try {
            this.session = OnnxSessions.open(model, settings.threads());
        } catch (OrtException e) {
            throw new FaceblurException(model + ": not a usable text model (" + e.getMessage() + ")", e);
        }
        this.input = session.getInputNames().iterator().next();
    }

    public TextSettings settings() {
        return settings;
    }

    /**
     * The network's input size for a {@code width x height} picture: long side at most maxSide, each side then
     * rounded up to a multiple of 32. Up, never down: squeezing a small picture to the nearest multiple cost
     * letters of about 15 px. In plates-eu test_061 (412 x 267, squeezed to 416 x 256) the network did not see
     * the plate's first two characters; at 416 x 288 it finds the whole plate, and over bench/plates' 108
     * photos every plate's characters are then hidden (bench/results/plates.md).
     */
    static Size networkSize(int width, int height, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
        return new Size(aligned(width * scale), aligned(height * scale));
    }

    private static int aligned(double side) {
        return Math.max(ALIGN, (int) Math.ceil(side / ALIGN - 1e-9) * ALIGN);
    }

    /** Text in a BGR 8-bit picture, boxes in its pixels, clipped to it. */
    public List<Detection> detect(Mat bgr) {
        int width = bgr.cols();
        int height = bgr.rows();
        Size size = networkSize(width, height, settings.maxSide());
        int w = size.width();
        int h = size.height();
        try (Mat scaled = new Mat(); Mat blob = normalised(bgr, size, scaled);
             OnnxTensor tensor = OnnxTensor.createTensor(OnnxSessions.environment(), blob.<FloatBuffer>createBuffer(),
                     new long[]{1, 3, h, w});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] map = new float[w * h];
            out.get(map);
            List<Detection> regions = TextRegions.find(map, w, h, settings.pixelThreshold(), settings.boxThreshold());
            double sx = (double) width / w;
            double sy = (double) height / h;
            List<Detection> inPicture = new ArrayList<>(regions.size());
            for (Detection r : regions) {
                Box b = r.box();
                Box scaledBox = new Box(b.x() * sx, b.y() * sy, b.width() * sx, b.height() * sy).clippedTo(width, height);
                if (scaledBox.area() > 0) {
                    inPicture.add(new Detection(scaledBox, r.confidence(), List.of()));
                }
            }
            return inPicture;
        } catch (OrtException e) {
            throw new FaceblurException("text detection failed (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The picture at the network's size as a 1x3xHxW blob: RGB, scaled to 0..1, minus the mean, over the
     * standard deviation. OpenCV subtracts the mean (given in the swapped, RGB order) before scaling; the
     * division by each channel's deviation, which it cannot do, follows here.
     */
    static Mat normalised(Mat bgr, Size size, Mat scaled) {
        boolean shrink = size.width() < bgr.cols();
        resize(bgr, scaled, size, 0, 0, shrink ? INTER_AREA : INTER_LINEAR);
        Mat blob = blobFromImage(scaled, 1 / 255.0, new Size(), new Scalar(MEAN[0] * 255, MEAN[1] * 255, MEAN[2] * 255, 0),
                true, false, CV_32F);
        FloatBuffer data = blob.createBuffer();
        int plane = size.width() * size.height();
        for (int c = 0; c < 3; c++) {
            float inverse = (float) (1 / STD[c]);
            for (int i = c * plane, end = i + plane; i < end; i++) {
                data.put(i, data.get(i) * inverse);
            }
        }
        return blob;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // Freeing a session; nothing to recover.
        }
    }
}
