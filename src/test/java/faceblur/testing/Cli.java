package faceblur.testing;

import faceblur.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the faceblur command in this JVM, as a user would type it, and captures what it prints. */
public final class Cli {

    private Cli() {
    }

    public record Outcome(int exitCode, String stderr) {
    }

    /**
     * Runs faceblur in a JVM of its own, as a user starts it. For checks of exact bytes: x264's choices depend
     * on the floating-point state of the threads that create it, which native code run earlier in this test
     * JVM (OpenCV's tracker) can leave changed; a fresh process starts clean, as the studio's export thread does.
     */
    public static Outcome runProcess(String... args) {
        return runProcess(process(List.of("-Xmx1g"), args));
    }

    /** Runs a faceblur process made by {@link #process} and waits for it. */
    public static Outcome runProcess(ProcessBuilder faceblur) {
        Tools.Result r = Tools.run(faceblur);
        return new Outcome(r.exitCode(), r.stderr());
    }

    /**
     * A faceblur process with these JVM options (none: the JVM's default heap, as a plain {@code java -jar}),
     * the test model in {@code FACEBLUR_MODEL}; the caller may change its environment before starting it.
     */
    public static ProcessBuilder process(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.add("faceblur.cli.Main");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        // The classpath in CLASSPATH, as Jvm#process does: a short command line, as a user's.
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("FACEBLUR_MODEL", Media.model().toString());
        pb.environment().putAll(Jvm.LAUNCHER_ENVIRONMENT);
        return pb;
    }

    /** Runs faceblur with {@code args}; adds --model (the test model) and -q for commands that take them. */
    public static synchronized Outcome run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty() && (all.get(0).equals("blur") || all.get(0).equals("detect")) && !all.contains("--model")) {
            all.add("--model");
            all.add(Media.model().toString());
        }
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        StringWriter picocliErr = new StringWriter();
        try (PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            System.setErr(err);
            var cli = Main.commandLine();
            cli.setErr(new PrintWriter(picocliErr, true));
            int rc = cli.execute(all.toArray(String[]::new));
            err.flush();
            return new Outcome(rc, errBytes.toString(StandardCharsets.UTF_8) + picocliErr);
        } finally {
            System.setErr(oldErr);
        }
    }
}
