package faceblur.testing;

import java.util.Arrays;

/**
 * {@code faceblur} ({@code faceblur.cli.Main}) with one more shutdown hook, which stands where ONNX Runtime's own
 * hook stands, the one that frees its environment: for its first half second it looks for face and text detections
 * still running and prints how many it saw. Any is a detection on a freed environment in the real process.
 */
public final class ShutdownProbe {

    /** The line the hook prints, followed by the number of running detections it saw. */
    public static final String LINE = "shutdown probe: detections running during JVM shutdown: ";

    private ShutdownProbe() {
    }

    /** A frame of a face or text detection, the calls that run an ONNX Runtime session. */
    private static boolean detecting(StackTraceElement frame) {
        return frame.getMethodName().equals("detect") && (frame.getClassName().equals("faceblur.detect.FaceDetector")
                || frame.getClassName().equals("faceblur.text.TextDetector"));
    }

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int seen = 0;
            long end = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < end) {
                seen += (int) Thread.getAllStackTraces().values().stream()
                        .filter(stack -> Arrays.stream(stack).anyMatch(ShutdownProbe::detecting))
                        .count();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    break;
                }
            }
            System.err.println(LINE + seen);
        }, "shutdown-probe"));
        Class.forName("faceblur.cli.Main").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
