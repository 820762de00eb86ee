package faceblur.studio;

import com.fasterxml.jackson.databind.SerializationFeature;
import faceblur.FaceblurException;
import faceblur.review.Project;
import faceblur.review.ReviewJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The versions a reviewer can go back and forth between: for every decision, the project as it was on the other
 * side of it. Undo and redo never rewind the log: they bring back an earlier state of the tracks, people and
 * settings and log that they did ("undo: keep visible"), so the audit trail reads in the order things happened.
 *
 * <p>Kept in the project's {@code history/} folder, one file per version plus {@code index.json}, written before
 * the project itself, so a decision the page was told about can be undone after a restart too. A crash between
 * the two leaves an undo step that changes nothing, never one that loses a decision.
 */
final class ProjectHistory {

    /** Steps kept: enough for a session's work, without the folder growing with every click for ever. */
    static final int MAX_STEPS = 200;
    static final String FOLDER = "history";
    private static final String INDEX = "index.json";

    /** One step: what it undoes or redoes (the logged action) and the file of the project on its other side. */
    record Step(String action, String file) {
    }

    private record Index(List<Step> undo, List<Step> redo, long next) {
    }

    /** What the page shows on its Undo and Redo buttons: the action each would take back or do again. */
    record Offer(String undo, String redo, int undoSteps, int redoSteps) {
    }

    private final Path dir;
    private final List<Step> undo;
    private final List<Step> redo;
    private long next;

    private ProjectHistory(Path dir, List<Step> undo, List<Step> redo, long next) {
        this.dir = dir;
        this.undo = new ArrayList<>(undo);
        this.redo = new ArrayList<>(redo);
        this.next = next;
    }

    /** The history kept in project folder {@code projectDir}, empty when there is none. */
    static ProjectHistory read(Path projectDir) {
        Path dir = projectDir.resolve(FOLDER);
        Path index = dir.resolve(INDEX);
        if (!Files.exists(index)) {
            return new ProjectHistory(dir, List.of(), List.of(), 0);
        }
        try {
            Index i = ReviewJson.mapper().readValue(index.toFile(), Index.class);
            return new ProjectHistory(dir, i.undo(), i.redo(), i.next());
        } catch (IOException e) {
            throw new FaceblurException(index + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A new, empty history for a project just analysed (again): older versions refer to other findings. */
    static ProjectHistory fresh(Path projectDir) {
        ProjectHistory h = new ProjectHistory(projectDir.resolve(FOLDER), List.of(), List.of(), 0);
        h.removeFolder();
        return h;
    }

    Offer offer() {
        return new Offer(undo.isEmpty() ? null : undo.get(undo.size() - 1).action(),
                redo.isEmpty() ? null : redo.get(redo.size() - 1).action(), undo.size(), redo.size());
    }

    /** A decision {@code action} turns {@code before} into the next version: it can be undone, and nothing redone. */
    void decided(String action, Project before) {
        for (Step s : redo) {
            delete(s);
        }
        redo.clear();
        undo.add(save(action, before));
        while (undo.size() > MAX_STEPS) {
            delete(undo.remove(0));
        }
        writeIndex();
    }

    /**
     * Takes the last decision back from {@code current}: returns the state to go to and the action undone, or null
     * when there is nothing to undo. {@code current} becomes what a redo brings back.
     */
    Step undo(Project current) {
        return move(undo, redo, current);
    }

    /** Does the last undone decision again: as {@link #undo}, the other way. */
    Step redo(Project current) {
        return move(redo, undo, current);
    }

    /** The project saved for {@code step}. */
    Project project(Step step) {
        return ReviewJson.readProject(dir.resolve(step.file()));
    }

    private Step move(List<Step> from, List<Step> to, Project current) {
        if (from.isEmpty()) {
            return null;
        }
        Step step = from.remove(from.size() - 1);
        to.add(save(step.action(), current));
        writeIndex();
        return step;
    }

    /** Saves a version without its log: going back restores decisions, never rewrites the record of them. */
    private Step save(String action, Project p) {
        String file = "v" + (next++) + ".json";
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FaceblurException(dir + ": cannot create the history folder (" + e.getMessage() + ")");
        }
        ReviewJson.writeProject(new Project(p.version(), p.source(), p.findingsSha256(), p.redaction(), p.tracks(),
                p.people(), p.nextTrackId(), p.nextPersonId(), List.of()), dir.resolve(file));
        return new Step(action, file);
    }

    private void writeIndex() {
        try {
            // Replaced whole, never half-written: a torn index would keep the project from opening.
            Path saving = ReviewJson.savingFileOf(dir.resolve(INDEX));
            Files.write(saving, ReviewJson.mapper().writer(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(new Index(undo, redo, next)));
            Files.move(saving, dir.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FaceblurException(dir.resolve(INDEX) + ": cannot be saved (" + e.getMessage() + ")");
        }
    }

    /** Removes the file of a step that can no longer be reached (a step undone, then overtaken, or too old). */
    private void delete(Step s) {
        try {
            Files.deleteIfExists(dir.resolve(s.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void removeFolder() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
