package faceblur.detect;

import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

import java.util.Locale;

/**
 * ONNX Runtime's session options that change speed, not results: how hard the graph is optimised, whether
 * the CPU memory arena and the memory-pattern planner are used, and sequential or parallel execution of the
 * graph's branches. bench/session-options measures them; {@link #DEFAULT} is what faceblur uses.
 *
 * @param level         graph optimisation level
 * @param cpuArena      ONNX Runtime's CPU memory arena
 * @param memoryPattern pre-planned buffers for repeated runs of the same input size
 * @param mode          sequential, or parallel branches on {@code interOpThreads} threads
 */
public record SessionTuning(OptLevel level, boolean cpuArena, boolean memoryPattern, ExecutionMode mode) {

    /**
     * Full optimisation (basic or extended took two to three times as long per 720p frame), the arena (without
     * it, up to three times as long), sequential (parallel branches: slower on a shared 2-core machine), and no
     * memory-pattern planner: 13-35 % less time per frame in three runs of bench/session-options (medians of
     * 3-5 interleaved rounds each), with the same detections on every frame.
     */
    public static final SessionTuning DEFAULT = new SessionTuning(OptLevel.ALL_OPT, true, false, ExecutionMode.SEQUENTIAL);

    /** A short name for tables. */
    public String label() {
        return level.name().toLowerCase(Locale.ROOT) + (cpuArena ? "" : ", no arena") + (memoryPattern ? "" : ", no mem pattern")
                + (mode == ExecutionMode.SEQUENTIAL ? "" : ", " + mode.name().toLowerCase(Locale.ROOT));
    }
}
