package faceblur.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A main class of the test classpath run in a JVM of its own, as a user's process is. */
public final class Jvm {

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
        return pb;
    }
}
