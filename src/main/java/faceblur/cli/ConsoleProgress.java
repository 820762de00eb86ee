package faceblur.cli;

import faceblur.engine.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Progress of one file on standard error: a live bar (frames, fps, ETA) on a terminal, otherwise a plain
 * line every few seconds, so logs stay readable.
 */
final class ConsoleProgress implements ProgressListener {

    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
    /** Every line fits a standard terminal, however long the file's name. */
    static final int WIDTH = 80;
    /** The file's name in a live bar, which needs the rest of the line for the bar itself. */
    private static final int BAR_NAME = 24;
    private static final String DONE = ", done";

    private final String name;
    private final boolean terminal;
    private final PrintStream out;
    private ProgressBar bar;
    private String task;
    private long total;
    private long done;
    private long started;
    private long lastLine;
    private Eta eta;

    ConsoleProgress(String name, boolean terminal, PrintStream out) {
        this.name = name;
        this.terminal = terminal;
        this.out = out;
    }

    static ProgressListener forFile(String name, boolean quiet) {
        if (quiet) {
            return ProgressListener.NONE;
        }
        return new ConsoleProgress(name, System.console() != null, System.err);
    }

    @Override
    public void begin(String task, long totalFrames) {
        this.task = task;
        this.total = totalFrames;
        this.done = 0;
        this.started = System.nanoTime();
        this.lastLine = started;
        Eta barEta = new Eta();
        this.eta = barEta;
        if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName(fit(name, BAR_NAME) + ": " + task)
                    .setMaxRenderedLength(WIDTH)
                    .setInitialMax(totalFrames)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUnit(" frames", 1)
                    .showSpeed()
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setEtaFunction(state -> barEta.at(System.nanoTime(), state.getCurrent(), state.getMax()))
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                    .build();
        }
    }

    @Override
    public void frameDone() {
        done++;
        if (bar != null) {
            bar.step();
            return;
        }
        long now = System.nanoTime();
        if (done == 1) {
            eta.at(now, done, total); // the start-up is over: time left is measured from here
        }
        if (now - lastLine >= PLAIN_INTERVAL_NANOS) {
            lastLine = now;
            out.println(line(now));
        }
    }

    private String line(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double fps = done / seconds;
        StringBuilder s = new StringBuilder(": ").append(task).append(' ').append(done);
        if (total > 0) {
            s.append('/').append(total).append(" frames (").append(Math.min(100, done * 100 / total)).append("%)");
        } else {
            s.append(" frames");
        }
        s.append(String.format(Locale.ROOT, fps >= 100 ? ", %.0f fps" : ", %.1f fps", fps));
        eta.at(now, done, total).ifPresent(left -> s.append(", ETA ").append(format(left)));
        return fit(name, WIDTH - s.length() - DONE.length()) + s;
    }

    /** {@code name}, cut in the middle to at most {@code room} characters (at least a few). */
    static String fit(String name, int room) {
        int n = Math.max(5, room);
        if (name.length() <= n) {
            return name;
        }
        int head = (n - 1) / 2;
        return name.substring(0, head) + "…" + name.substring(name.length() - (n - 1 - head));
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    @Override
    public void end() {
        if (bar != null) {
            bar.maxHint(done);
            bar.close();
            bar = null;
        } else if (done > 0 || total > 0) {
            // a step that counts nothing (checking a file) has nothing to report
            out.println(line(System.nanoTime()) + DONE);
        }
    }
}
