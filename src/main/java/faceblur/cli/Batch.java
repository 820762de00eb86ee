package faceblur.cli;

import faceblur.FaceblurException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one job per input file: a failure is reported in one line and the next file still runs; at the end a
 * summary names the failures, and the exit code says whether there were any.
 */
final class Batch {

    private final boolean quiet;
    private final PrintStream out = System.err;
    private final List<String> failures = new ArrayList<>();
    private int succeeded;

    Batch(boolean quiet) {
        this.quiet = quiet;
    }

    /** Runs {@code job}, which returns a one-line description of what it wrote. */
    void run(Path input, Supplier<String> job) {
        try {
            String result = job.get();
            succeeded++;
            if (!quiet) {
                out.println("wrote " + result);
            }
        } catch (FaceblurException e) {
            failures.add(e.getMessage());
            out.println("faceblur: " + e.getMessage());
        }
    }

    int finish() {
        int total = succeeded + failures.size();
        if (total > 1) {
            out.println(succeeded + " of " + total + " files done" + (failures.isEmpty() ? "" : "; failed:"));
            failures.forEach(f -> out.println("  " + f));
        }
        return failures.isEmpty() ? 0 : Main.EXIT_USER_ERROR;
    }
}
