package faceblur.cli;

import faceblur.engine.AtomicOutput;
import sun.misc.Signal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGTERM, SIGINT (Ctrl-C) and SIGHUP stop faceblur in order: what the command registered (the server, the
 * studio, the engine) is closed, which waits for the running detections, and only then does the JVM exit.
 * <p>
 * Why not a shutdown hook: ONNX Runtime's Java binding frees its environment in a shutdown hook of its own, and
 * the JVM runs all hooks at once, in no order. A stop that waited for the analysis inside a hook had the
 * detections run on a freed environment for as long as it waited, and the process died with SIGSEGV in
 * libonnxruntime.so (an hs_err_pid*.log left behind) instead of stopping. Handling the signal itself means the
 * JVM's shutdown, and so ONNX Runtime's hook, starts after the work has stopped. The exit code stays the one the
 * JVM would have given: 128 + the signal's number (143 for SIGTERM, 130 for Ctrl-C).
 */
final class SignalStop {

    private static final Deque<Runnable> ACTIONS = new ArrayDeque<>();
    /** The exit code of the stop under way; 0 while none. */
    private static final AtomicInteger SIGNALLED = new AtomicInteger();
    private static final CountDownLatch STOPPED = new CountDownLatch(1);
    /** The command's own thread has ended its work, or waits for a stop as a server does. */
    private static final CountDownLatch COMMAND_IDLE = new CountDownLatch(1);
    /**
     * How long a stop waits for the command's thread once the engine is closed: it fails at its next frame, but a
     * text detection it runs itself must end before ONNX Runtime's environment goes.
     */
    private static final long COMMAND_WAIT_SECONDS = 5;
    private static volatile boolean installed;
    /** The command serves until stopped (serve, studio), rather than making one output and ending. */
    private static volatile boolean serving;

    private SignalStop() {
    }

    /** Takes over the stop signals, for a faceblur process (not for faceblur run inside a test's JVM). */
    static void install() {
        for (String name : new String[]{"TERM", "INT", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop("SIG" + signal.getName(), 128 + signal.getNumber()));
            } catch (IllegalArgumentException e) {
                // Not a signal here (SIGHUP on Windows), or the JVM keeps it (-Xrs): the JVM's own handling stays.
            }
        }
        // Any other exit (System.exit elsewhere, a signal the JVM kept) still closes what was registered,
        // as before, if with ONNX Runtime's hook beside it.
        Runtime.getRuntime().addShutdownHook(new Thread(SignalStop::runActions, "faceblur-stop"));
        installed = true;
    }

    /**
     * Has {@code action} run when faceblur is stopped, before the JVM exits; the last registered runs first (the
     * server before the engine it uses). Only in a process that {@link #install}ed the handlers.
     */
    static void onStop(Runnable action) {
        if (!installed) {
            return;
        }
        synchronized (ACTIONS) {
            ACTIONS.push(action);
        }
    }

    /** Blocks until a stop signal has been handled (the JVM then exits with its code). */
    static void await() throws InterruptedException {
        serving = true;
        COMMAND_IDLE.countDown();
        STOPPED.await();
    }

    /**
     * The exit code for a command that ended with {@code code}: while a stop is under way (the command may have
     * ended because its engine was closed under it) it waits for the stop, and the signal's code is the answer.
     */
    static int exitCode(int code) {
        COMMAND_IDLE.countDown();
        if (SIGNALLED.get() == 0) {
            return code;
        }
        try {
            STOPPED.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return SIGNALLED.get();
    }

    /** True once a stop signal came: a command failing now fails because it is being stopped. */
    static boolean stopping() {
        return SIGNALLED.get() != 0;
    }

    private static void stop(String signal, int exitCode) {
        if (!SIGNALLED.compareAndSet(0, exitCode)) {
            return; // a second Ctrl-C: the first stop is under way, bounded by the detectors' own wait
        }
        // On a line of its own after a progress line; unfinished outputs are removed on the way out.
        System.err.println(System.lineSeparator() + "faceblur: stopping on " + signal);
        if (!serving) {
            // The command goes on for a moment (below) and must not put a file the user stopped in place.
            AtomicOutput.stopCommits();
        }
        runActions();
        try {
            COMMAND_IDLE.await(COMMAND_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        STOPPED.countDown();
        System.exit(exitCode);
    }

    private static void runActions() {
        while (true) {
            Runnable action;
            synchronized (ACTIONS) {
                action = ACTIONS.poll();
            }
            if (action == null) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                System.err.println("faceblur: while stopping: " + e.getMessage());
            }
        }
    }
}
