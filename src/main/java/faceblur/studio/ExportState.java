package faceblur.studio;

import faceblur.review.LogEntry;
import faceblur.review.Project;
import faceblur.video.VideoFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a project's export stands, as the page shows it, and the exports kept so far: one per revision of the
 * review (named by it, with its reports beside it), so that a new export never replaces the one a colleague was
 * sent.
 */
final class ExportState {

    enum Phase { NONE, WAITING, RUNNING, DONE, FAILED, CANCELLED }

    /** The log's note of an export: not a decision, so it does not make a new revision. */
    static final String NOTE = "export";
    private static final Pattern KEPT_NAME = Pattern.compile(".*_redacted_r([0-9]{1,9})\\.[A-Za-z0-9]+");

    /** An export kept in the project's folder: of revision {@code revision} (-1: from before revisions were kept). */
    record Kept(int revision, Path video) {
    }

    private volatile Phase phase = Phase.NONE;
    private volatile LiveProgress.Snapshot progress;
    private volatile Kept last;
    private volatile String error;
    private volatile String writtenTo;
    private volatile boolean cancelRequested;
    private final List<Kept> kept = new ArrayList<>();

    /** A project's revision: how many decisions it holds. Exports are named by it. */
    static int revision(Project p) {
        return (int) p.log().stream().map(LogEntry::action).filter(a -> !NOTE.equals(a)).count();
    }

    /** The file an export of {@code revision} is written to. */
    static String fileName(String stem, int revision, String extension) {
        return stem + "_redacted_r" + revision + extension;
    }

    Phase phase() {
        return phase;
    }

    LiveProgress.Snapshot progress() {
        return progress;
    }

    /** The latest export done, or null. */
    Kept last() {
        return last;
    }

    String error() {
        return error;
    }

    boolean busy() {
        return phase == Phase.WAITING || phase == Phase.RUNNING;
    }

    /** The exports kept, newest revision first. */
    synchronized List<Kept> kept() {
        return List.copyOf(kept);
    }

    synchronized Optional<Kept> kept(int revision) {
        return kept.stream().filter(k -> k.revision() == revision).findFirst();
    }

    /** Finds the exports an earlier run of the studio kept in {@code dir}; the newest is shown as done. */
    synchronized void load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> VideoFiles.isVideoName(f) && !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(f -> f.toFile().lastModified()))
                    .forEach(f -> {
                        Matcher m = KEPT_NAME.matcher(f.getFileName().toString());
                        keep(new Kept(m.matches() ? Integer.parseInt(m.group(1)) : -1, f));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (last != null) {
            phase = Phase.DONE;
        }
    }

    private void keep(Kept k) {
        kept.removeIf(x -> x.video().equals(k.video()));
        kept.add(k);
        kept.sort(Comparator.comparingInt(Kept::revision).reversed());
        last = k;
    }

    void waiting() {
        cancelRequested = false;
        error = null;
        writtenTo = null;
        progress = null;
        phase = Phase.WAITING;
    }

    /** Where the export being made was also written (its video's s3:// location). */
    void writtenTo(String location) {
        writtenTo = location;
    }

    String writtenTo() {
        return writtenTo;
    }

    void running() {
        phase = Phase.RUNNING;
    }

    void progress(LiveProgress.Snapshot s) {
        progress = s;
    }

    synchronized void done(Path file, int revision) {
        keep(new Kept(revision, file));
        progress = null;
        phase = Phase.DONE;
    }

    void failed(String message) {
        error = message;
        progress = null;
        phase = Phase.FAILED;
    }

    void cancelled() {
        progress = null;
        phase = Phase.CANCELLED;
    }

    void cancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }
}
