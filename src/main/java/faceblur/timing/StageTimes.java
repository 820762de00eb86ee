package faceblur.timing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Time spent in each {@link Stage}, summed over threads, written as JSON to the file named by the system
 * property {@value #PROPERTY} when the process exits. A benchmark's tool, not a user's: without the property
 * every call is one branch on a constant, so normal runs pay nothing and print nothing.
 */
public final class StageTimes {

    /** {@code -Dfaceblur.stage-times=FILE} (through FACEBLUR_JAVA_OPTS) turns the timers on. */
    public static final String PROPERTY = "faceblur.stage-times";

    private static final String TARGET = System.getProperty(PROPERTY);
    private static final boolean ON = TARGET != null;
    private static final LongAdder[] NANOS = new LongAdder[Stage.values().length];
    private static final LongAdder[] COUNTS = new LongAdder[Stage.values().length];
    /** Each stage's first call, apart: it loads native libraries and warms the JIT, a start-up cost. */
    private static final AtomicLong[] FIRST = new AtomicLong[Stage.values().length];
    private static final AtomicLong FIRST_FRAME_MILLIS = new AtomicLong();

    static {
        for (int i = 0; i < NANOS.length; i++) {
            NANOS[i] = new LongAdder();
            COUNTS[i] = new LongAdder();
            FIRST[i] = new AtomicLong(-1);
        }
        if (ON) {
            Runtime.getRuntime().addShutdownHook(new Thread(StageTimes::write, "stage-times"));
        }
    }

    private StageTimes() {
    }

    /** A start time for {@link #stop}; 0 when the timers are off. */
    public static long start() {
        return ON ? System.nanoTime() : 0;
    }

    /** Adds the time since {@code start} to {@code stage}. */
    public static void stop(Stage stage, long start) {
        if (ON) {
            long nanos = System.nanoTime() - start;
            NANOS[stage.ordinal()].add(nanos);
            COUNTS[stage.ordinal()].increment();
            FIRST[stage.ordinal()].compareAndSet(-1, nanos);
        }
    }

    /** The first frame is about to be read: the start-up ends here (the first call counts). */
    public static void firstFrame() {
        if (ON) {
            FIRST_FRAME_MILLIS.compareAndSet(0, System.currentTimeMillis());
        }
    }

    /** Seconds in {@code stage} so far. */
    static double seconds(Stage stage) {
        long nanos = NANOS[stage.ordinal()].sum();
        if (stage == Stage.STARTUP && FIRST_FRAME_MILLIS.get() > 0) {
            nanos = (FIRST_FRAME_MILLIS.get() - ManagementFactory.getRuntimeMXBean().getStartTime()) * 1_000_000;
        }
        return nanos / 1e9;
    }

    /** Seconds of {@code stage}'s first call (0 before any). */
    static double firstCallSeconds(Stage stage) {
        return Math.max(0, FIRST[stage.ordinal()].get()) / 1e9;
    }

    /** The stages as one JSON object: seconds, calls and the first call's seconds of each. */
    static String json() {
        StringBuilder out = new StringBuilder("{\n  \"stages\": [\n");
        for (Stage stage : Stage.values()) {
            out.append(String.format(Locale.ROOT, "    {\"stage\": \"%s\", \"label\": \"%s\", \"seconds\": %.4f, \"calls\": %d, "
                            + "\"first_call_seconds\": %.4f}%s%n",
                    stage.name().toLowerCase(Locale.ROOT), stage.label().strip(), seconds(stage),
                    COUNTS[stage.ordinal()].sum(), firstCallSeconds(stage), stage.ordinal() == NANOS.length - 1 ? "" : ","));
        }
        return out.append("  ]\n}\n").toString();
    }

    private static void write() {
        try {
            Files.writeString(Path.of(TARGET), json());
        } catch (IOException e) {
            System.err.println("faceblur: cannot write stage times to " + TARGET + " (" + e.getMessage() + ")");
        }
    }
}
