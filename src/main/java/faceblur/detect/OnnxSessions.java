package faceblur.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * What every ONNX model of faceblur shares: the one environment per process, sessions opened the same way,
 * and network sizes rounded to the networks' stride. The face and the text detector both come here.
 */
public final class OnnxSessions {

    static {
        OnnxNatives.load();
    }

    private OnnxSessions() {
    }

    /** ONNX Runtime's one environment per process; only its errors are logged (faceblur reports its own). */
    public static OrtEnvironment environment() {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        try {
            // No usage events from a privacy tool (ONNX Runtime's telemetry is on by default in its builds).
            env.setTelemetry(false);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot turn ONNX Runtime's telemetry off", e);
        }
        return env;
    }

    /** A session on {@code model} using {@code threads} threads for one image, with faceblur's tuning. */
    public static OrtSession open(Path model, int threads) throws OrtException {
        return open(model, threads, SessionTuning.DEFAULT);
    }

    /** A session on {@code model} using {@code threads} threads for one image, tuned as {@code tuning} says. */
    public static OrtSession open(Path model, int threads, SessionTuning tuning) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(tuning.mode() == OrtSession.SessionOptions.ExecutionMode.PARALLEL ? 2 : 1);
            options.setOptimizationLevel(tuning.level());
            options.setCPUArenaAllocator(tuning.cpuArena());
            options.setMemoryPatternOptimization(tuning.memoryPattern());
            options.setExecutionMode(tuning.mode());
            return environment().createSession(model.toString(), options);
        }
    }

    /** {@code v} rounded up to a multiple of {@code step}. */
    public static int alignUp(int v, int step) {
        return (v + step - 1) / step * step;
    }

    /** The named float output of a run. */
    public static FloatBuffer floats(OrtSession.Result result, String name) {
        return ((OnnxTensor) result.get(name).orElseThrow(
                () -> new IllegalStateException("model has no output " + name))).getFloatBuffer();
    }
}
