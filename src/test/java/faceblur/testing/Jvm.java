package faceblur.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A main class of the test classpath run in a JVM of its own, as a user's process is. */
public final class Jvm {

    private Jvm() {
    }

    /**
     * {@code java -Xmx1g MAIN ARGS} with the test classpath in CLASSPATH, not on the command line: with a command
     * line over about 4 kB (the test classpath is 20 kB) the JVM dies of SIGSEGV, exit code 139, in ONNX Runtime
     * 1.29.0's {@code OrtEnvironment.getEnvironment()} (measured alone, with a 5,000-character -D option; 3,000 pass).
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
