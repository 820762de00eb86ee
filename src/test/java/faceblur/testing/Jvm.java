package faceblur.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A main class of the test classpath run in a JVM of its own, as a user's process is. */
public final class Jvm {

    /**
     * What faceblur's launchers set (bin/faceblur): glibc's per-thread cache of freed blocks off, so that every
     * block x264 reads unwritten starts as zeros and a video encodes to the same bytes in every process.
     */
    public static final Map<String, String> LAUNCHER_ENVIRONMENT = Map.of("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0");

    private Jvm() {
    }

    /**
     * {@code java -Xmx1g MAIN ARGS} with the test classpath in CLASSPATH, not on the command line, so the process
     * starts as a user's does, with a short command line: with one over about 4 kB (the test classpath is 20 kB)
     * ONNX Runtime 1.29.0's {@code OrtEnvironment.getEnvironment()} killed the JVM (SIGSEGV, exit code 139).
     */
    public static ProcessBuilder process(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().putAll(LAUNCHER_ENVIRONMENT);
        return pb;
    }
}
