package faceblur.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import faceblur.FaceblurException;
import faceblur.engine.AtomicOutput;
import faceblur.review.Findings;
import faceblur.review.Project;
import faceblur.review.ProjectEdits;
import faceblur.review.RedactionPlan;
import faceblur.review.ReviewJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One video under review, as the running studio holds it: its folder, where its analysis stands, and once
 * analysed its findings and the current version of its project. Every decision goes through {@link #apply},
 * which saves the project before it takes effect, so a decision the page was told about survives a crash.
 *
 * <p>Its folder: {@code source.json} (which file), {@code findings.json} and {@code project.json} (the review,
 * written last by the analysis: a folder without it was interrupted), {@code thumbs/}, {@code exports/} and, for
 * videos a browser cannot play, {@code preview.mp4}.
 */
final class StudioProject implements AutoCloseable {

    enum State { WAITING, ANALYSING, READY, FAILED, CANCELLED }

    /** Which file a project is about, kept from the moment it is opened. */
    record SourceRef(String path, String name) {
    }

    static final String SOURCE_FILE = "source.json";
    static final String PREVIEW_FILE = "preview.mp4";

    private final String id;
    private final Path dir;
    private final Path source;
    private final Clock clock;
    private final Consumer<StudioProject> changed;

    private volatile State state;
    private volatile LiveProgress.Snapshot progress;
    private volatile String error;
    private volatile boolean cancelRequested;
    private volatile boolean analysisQueued;
    private Findings findings;
    private Project project;
    private RedactionPlan plan;
    /** The people as the page lists them, worked out once per version; null until asked. */
    private List<StudioViews.PersonView> people;
    private List<StudioViews.PersonView> deletedPeople;
    private int revision;
    private ProjectHistory history;
    private Map<Integer, List<TrackThumbnails.Thumb>> thumbs = Map.of();
    private FrameImages frames;
    private final ExportState export = new ExportState();
    private final Map<Integer, Double> following = new ConcurrentHashMap<>();
    private final Map<Integer, String> followProblems = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Where exports may be written beside the source in its bucket (s3://bucket/folder/); null for a local file. */
    private volatile String bucketFolder;

    StudioProject(String id, Path dir, Path source, Clock clock, Consumer<StudioProject> changed) {
        this.id = id;
        this.dir = dir;
        this.source = source;
        this.clock = clock;
        this.changed = changed;
        this.state = State.WAITING;
    }

    String id() {
        return id;
    }

    Path dir() {
        return dir;
    }

    String bucketFolder() {
        return bucketFolder;
    }

    void bucketFolder(String folder) {
        bucketFolder = folder;
    }

    Path source() {
        return source;
    }

    String name() {
        return source.getFileName().toString();
    }

    State state() {
        return state;
    }

    LiveProgress.Snapshot progress() {
        return progress;
    }

    String error() {
        return error;
    }

    ExportState export() {
        return export;
    }

    Map<Integer, Double> following() {
        return following;
    }

    /** Why following a drawn track failed, by track: the page says so instead of waiting for it. */
    Map<Integer, String> followProblems() {
        return followProblems;
    }

    /** Counts this project's changes, so a page can tell a stale answer from a newer event. */
    long sequence() {
        return sequence.get();
    }

    private void notifyChanged() {
        sequence.incrementAndGet();
        changed.accept(this);
    }

    Path thumbsDir() {
        return dir.resolve("thumbs");
    }

    Path exportsDir() {
        return dir.resolve("exports");
    }

    Path previewFile() {
        return dir.resolve(PREVIEW_FILE);
    }

    boolean hasProjectFile() {
        return Files.exists(dir.resolve(ReviewJson.PROJECT_FILE));
    }

    /** Reads a finished analysis back from the folder, with the decisions it can undo and redo. */
    synchronized void load() {
        Project p = ReviewJson.readProject(dir.resolve(ReviewJson.PROJECT_FILE));
        Findings f = ReviewJson.readFindings(dir.resolve(ReviewJson.FINDINGS_FILE), p.findingsSha256());
        become(f, p, TrackThumbnails.read(thumbsDir()), ProjectHistory.read(dir));
    }

    /** A project just analysed (again): nothing to undo, since earlier versions refer to other findings. */
    synchronized void ready(Findings f, Project p, Map<Integer, List<TrackThumbnails.Thumb>> t) {
        become(f, p, t, ProjectHistory.fresh(dir));
    }

    private void become(Findings f, Project p, Map<Integer, List<TrackThumbnails.Thumb>> t, ProjectHistory h) {
        history = h;
        findings = f;
        project = p;
        thumbs = Map.copyOf(t);
        plan = null;
        forgetPeople();
        revision++;
        error = null;
        progress = null;
        state = State.READY;
        notifyChanged();
    }

    void waiting() {
        cancelRequested = false;
        error = null;
        state = State.WAITING;
        notifyChanged();
    }

    void analysing() {
        state = State.ANALYSING;
        notifyChanged();
    }

    void failed(String message) {
        error = message;
        progress = null;
        state = State.FAILED;
        notifyChanged();
    }

    void cancelled() {
        progress = null;
        state = State.CANCELLED;
        notifyChanged();
    }

    void cancel() {
        cancelRequested = true;
    }

    /** Whether an analysis of this project waits or runs, so that opening it again does not queue another. */
    boolean analysisQueued() {
        return analysisQueued;
    }

    void analysisQueued(boolean queued) {
        analysisQueued = queued;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Progress of this project's analysis, pushed to the pages as it goes. */
    LiveProgress analysisProgress() {
        return new LiveProgress(this::cancelRequested, s -> {
            progress = s;
            notifyChanged();
        });
    }

    void progressChanged() {
        notifyChanged();
    }

    synchronized Findings findings() {
        requireReady();
        return findings;
    }

    synchronized Project project() {
        requireReady();
        return project;
    }

    synchronized int revision() {
        return revision;
    }

    synchronized Map<Integer, List<TrackThumbnails.Thumb>> thumbs() {
        return thumbs;
    }

    /** What the current version hides and leaves visible. */
    synchronized RedactionPlan plan() {
        requireReady();
        if (plan == null) {
            plan = RedactionPlan.of(findings, project);
        }
        return plan;
    }

    /**
     * Makes one decision as {@code by}: the changed project is saved, then becomes current. Returns it.
     */
    synchronized Project apply(String by, BiFunction<ProjectEdits, Project, Project> change) {
        requireReady();
        Project next = change.apply(new ProjectEdits(findings, by, clock), project);
        if (next != project) {
            String action = UndoableAction.of(project, next);
            if (action != null) {
                history.decided(action, project);
            }
            become(next);
        }
        return next;
    }

    /** What Undo and Redo would take back or do again. */
    synchronized ProjectHistory.Offer undoOffer() {
        requireReady();
        return history.offer();
    }

    /**
     * Takes back the last decision as {@code by} ({@code redo}: does the last one taken back again), logged as
     * "undo: ACTION" or "redo: ACTION". Returns the current project, unchanged when there was nothing to do.
     */
    synchronized Project undo(String by, boolean redo) {
        requireReady();
        ProjectHistory.Step step = redo ? history.redo(project) : history.undo(project);
        if (step == null) {
            throw StudioException.conflict("nothing to " + (redo ? "redo" : "undo"));
        }
        Project back = UndoableAction.restore(project, history.project(step));
        become(new ProjectEdits(findings, by, clock).note(back, (redo ? "redo: " : "undo: ") + step.action(), null));
        return project;
    }

    private void become(Project next) {
        ReviewJson.writeProject(next, dir.resolve(ReviewJson.PROJECT_FILE));
        project = next;
        plan = null;
        forgetPeople();
        revision++;
        notifyChanged();
    }

    /**
     * The people list of the current version, made by {@code make} when this version has none yet: a long
     * video has thousands of people, and the page asks for them a hundred at a time.
     */
    synchronized List<StudioViews.PersonView> people(boolean deleted, Supplier<List<StudioViews.PersonView>> make) {
        if (deleted) {
            deletedPeople = deletedPeople != null ? deletedPeople : make.get();
            return deletedPeople;
        }
        people = people != null ? people : make.get();
        return people;
    }

    private void forgetPeople() {
        people = null;
        deletedPeople = null;
    }

    /** How far following drawn track {@code track} has come (0-1), or null once it is over. */
    synchronized void following(int track, Double progress) {
        if (progress == null) {
            following.remove(track);
        } else {
            following.put(track, progress);
        }
        forgetPeople();
    }

    /** The frame images of this video, opened on first use. */
    synchronized FrameImages frames() {
        requireReady();
        if (frames == null) {
            frames = new FrameImages(source, findings);
        }
        return frames;
    }

    /** The file the page plays: the source, or a preview made for a browser that cannot play it. */
    Path media() {
        Path preview = previewFile();
        return Files.exists(preview) ? preview : source;
    }

    private void requireReady() {
        if (state != State.READY) {
            throw StudioException.conflict(name() + " is not analysed yet (" + state.name().toLowerCase() + ")");
        }
    }

    /**
     * Removes what a killed studio left half-written: exports and previews whose process is gone, and a save of
     * the project that never replaced it.
     */
    void removeLeftovers() {
        for (Path folder : List.of(dir, exportsDir())) {
            if (Files.isDirectory(folder)) {
                AtomicOutput.removeAbandoned(folder);
            }
        }
        try {
            for (String file : List.of(ReviewJson.PROJECT_FILE, ReviewJson.FINDINGS_FILE)) {
                Files.deleteIfExists(ReviewJson.savingFileOf(dir.resolve(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceRef readSource(Path dir) {
        try {
            return ReviewJson.mapper().readValue(dir.resolve(SOURCE_FILE).toFile(), SourceRef.class);
        } catch (IOException e) {
            throw new FaceblurException(dir.resolve(SOURCE_FILE) + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static void writeSource(Path dir, Path source) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(SOURCE_FILE), ReviewJson.mapper().writeValueAsBytes(
                    new SourceRef(source.toString(), source.getFileName().toString())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new FaceblurException(dir + ": cannot create the project folder (" + e.getMessage() + ")");
        }
    }

    @Override
    public synchronized void close() {
        if (frames != null) {
            frames.close();
            frames = null;
        }
    }
}
