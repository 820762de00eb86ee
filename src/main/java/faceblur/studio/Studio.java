package faceblur.studio;

import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.engine.Analysis;
import faceblur.engine.FaceBlur;
import faceblur.engine.FrameWatcher;
import faceblur.follow.BoxFollower;
import faceblur.follow.FollowedBox;
import faceblur.follow.Keyframe;
import faceblur.review.DrawnPath;
import faceblur.review.Findings;
import faceblur.review.Project;
import faceblur.review.ProjectEdits;
import faceblur.review.Provenance;
import faceblur.review.ReviewExport;
import faceblur.review.ReviewJson;
import faceblur.review.ReviewTrack;
import faceblur.review.SourceFile;
import faceblur.storage.ObjectStore;
import faceblur.text.HiddenTracks;
import faceblur.text.HideTargets;
import faceblur.text.TextHiding;
import faceblur.text.VideoText;
import faceblur.track.Track;
import faceblur.video.Container;
import faceblur.video.EncoderSettings;
import faceblur.video.Segment;
import faceblur.video.VideoFiles;
import faceblur.video.VideoInfo;
import io.javalin.config.JavalinConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The studio: its projects, the work it does for them in the background, and its web app. Analyses and exports
 * take the machine's cores, so they run one at a time, in order; following drawn boxes runs beside them, one
 * at a time too. Both {@code faceblur studio} and {@code faceblur serve} run one of these.
 */
public final class Studio implements AutoCloseable {

    /** Fixes the secret of the studio's address instead of a new one at every start (for scripts). */
    public static final String TOKEN_VARIABLE = "FACEBLUR_STUDIO_TOKEN";

    private static final Logger LOG = LoggerFactory.getLogger(Studio.class);
    /** Browsers play these as they are; anything else gets a preview copy to play. */
    private static final Set<String> PLAYABLE_CODECS = Set.of("h264", "vp8", "vp9", "av1");

    private final StudioSettings settings;
    private final FaceBlur engine;
    private final VideoCatalog catalog;
    private final Clock clock;
    private final StudioEvents events = new StudioEvents();
    private final ProjectLibrary library;
    private final StudioAccess access;
    private final StudioWork work;
    private volatile boolean closing;
    private final ExecutorService followWork = singleThread("studio-follow");
    private final Map<String, BoxFollower> followers = new ConcurrentHashMap<>();
    private final Set<String> followsQueued = ConcurrentHashMap.newKeySet();
    private final Path uploads;

    private Studio(StudioSettings settings, FaceBlur engine, VideoCatalog catalog, String cookiePath, Clock clock,
                   Function<Studio, StudioWork> work) {
        this.settings = settings;
        this.engine = engine;
        this.catalog = catalog;
        this.clock = clock;
        this.library = new ProjectLibrary(settings.dataDir().resolve("projects"), clock, this::publish);
        this.access = new StudioAccess(settings.token(), settings.accessKeys(), settings.localUser(), cookiePath,
                settings.web(), clock);
        this.uploads = uploadsFolder(settings);
        this.work = work.apply(this);
        resume();
    }

    /**
     * Each project learns where its exports may go in a bucket; an analysis a stop cut off and the node stored
     * waits to run again; drawn tracks whose following a stopped studio left unfinished are followed again.
     */
    private void resume() {
        java.util.Set<String> queued = work.queuedAnalyses();
        for (StudioProject p : library.list()) {
            p.bucketFolder(catalog.bucketFolder(p.source()).orElse(null));
            if (!work.durable()) {
                // An export queued on a thread that died with its process will not run: its decisions go.
                forgetPendingExports(p);
            }
            if (!p.hasProjectFile() && queued.contains(p.id())) {
                // Cut off by a stop, and stored: it runs again by itself, so the page says it waits.
                p.waiting();
                p.analysisQueued(true);
            }
            if (p.state() != StudioProject.State.READY) {
                continue;
            }
            for (ReviewTrack t : p.project().tracks()) {
                if (t.isDrawn() && t.drawn().following() && !t.deleted()) {
                    follow(p, t.id(), settings.localUser());
                }
            }
        }
    }

    /** The studio of {@code faceblur studio}: the files and folders given, and uploads into the data folder. */
    public static Studio local(StudioSettings settings, FaceBlur engine, List<Path> allowed) {
        List<Path> all = new ArrayList<>(allowed);
        all.add(uploadsFolder(settings));
        return new Studio(settings, engine, new LocalVideos(all), "/", Clock.systemUTC(),
                studio -> StudioWork.ownThread(() -> studio));
    }

    /**
     * The studio of {@code faceblur serve}, under /studio: the videos in the store's buckets, and uploads; its
     * analyses and exports run as {@code work} (the node's durable jobs) for the studio it is given.
     */
    public static Studio buckets(StudioSettings settings, FaceBlur engine, ObjectStore store,
                                 Function<Studio, StudioWork> work) {
        VideoCatalog catalog = new BucketVideos(store, settings.dataDir().resolve("sources"),
                new LocalVideos(List.of(uploadsFolder(settings))));
        return new Studio(settings, engine, catalog, "/studio/", Clock.systemUTC(), work);
    }

    private static Path uploadsFolder(StudioSettings settings) {
        Path uploads = settings.dataDir().resolve("uploads");
        try {
            return Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new FaceblurException(uploads + ": cannot create the uploads folder (" + e.getMessage() + ")");
        }
    }

    /** The secret for the address that opens the studio: {@value #TOKEN_VARIABLE}, else a fresh one. */
    public static String token() {
        String fixed = System.getenv(TOKEN_VARIABLE);
        return fixed != null && !fixed.isBlank() ? fixed : StudioAccess.newSecret();
    }

    /** Adds the app's pages and API under {@code prefix} ("" or "/studio"). */
    public void routes(JavalinConfig config, String prefix) {
        new StudioRoutes(this, prefix).register(config);
    }

    StudioSettings settings() {
        return settings;
    }

    StudioAccess access() {
        return access;
    }

    StudioEvents events() {
        return events;
    }

    VideoCatalog catalog() {
        return catalog;
    }

    ProjectLibrary library() {
        return library;
    }

    Path uploads() {
        return uploads;
    }

    private void publish(StudioProject p) {
        events.publish("project", StudioViews.json(StudioViews.status(p)));
    }

    /** Opens {@code path} for review; analyses it first unless it has been already. */
    StudioProject open(String path, String by) {
        Path file = catalog.open(path);
        StudioProject p = library.open(file);
        p.bucketFolder(catalog.bucketFolder(file).orElse(null));
        synchronized (p) {
            if (p.state() == StudioProject.State.FAILED || p.state() == StudioProject.State.CANCELLED
                    || (p.state() == StudioProject.State.WAITING && !p.analysisQueued())) {
                p.waiting();
                p.analysisQueued(true);
                work.submit(StudioJob.analyse(p.id(), by));
            }
        }
        return p;
    }

    private void analyse(StudioProject p, String by) {
        try {
            p.analysing();
            LiveProgress progress = p.analysisProgress();
            Path source = p.source();
            long megabytes = Math.max(1, Files.size(source) >> 20);
            progress.begin("reading the file", megabytes);
            long[] counted = {0};
            SourceFile file = SourceFile.of(source, bytes -> {
                while (counted[0] < bytes >> 20) {
                    counted[0]++;
                    progress.frameDone();
                }
            });
            progress.end();
            Findings findings = find(source, file, progress);
            String sha = ReviewJson.writeFindings(findings, p.dir().resolve(ReviewJson.FINDINGS_FILE));
            Map<Integer, List<TrackThumbnails.Thumb>> thumbs = TrackThumbnails.make(source, findings, p.thumbsDir(), progress);
            if (!playable(source, findings.video())) {
                makePreview(p, progress);
            }
            Project project = new ProjectEdits(findings, by, clock).start(sha, settings.redaction());
            ReviewJson.writeProject(project, p.dir().resolve(ReviewJson.PROJECT_FILE));
            p.ready(findings, project, thumbs);
        } catch (CancellationException e) {
            p.cancelled();
        } catch (FaceblurException e) {
            p.failed(e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.error("analysis of {} failed", p.source(), e);
            p.failed("the analysis failed (" + e + "); see the studio's log");
        } finally {
            p.analysisQueued(false);
        }
    }

    /**
     * What the engine finds in {@code source}: its faces, as {@code faceblur blur} finds them, and its text when
     * the studio looks for text, found on the same decoding pass and numbered after the faces, as
     * {@code faceblur detect --hide faces,text} numbers them. The text detector is loaded for this analysis only.
     */
    private Findings find(Path source, SourceFile file, LiveProgress progress) {
        HideTargets hide = settings.hide();
        try (TextHiding text = hide.text() ? settings.text().open() : null) {
            VideoText texts = text == null ? null : text.forVideo();
            Analysis analysis = engine.analyse(source, progress, losses -> { },
                    texts == null ? FrameWatcher.NONE : texts);
            List<Track> tracks = hide.faces() ? engine.track(analysis) : List.of();
            if (texts == null) {
                return Findings.of(file, analysis, tracks, settings.provenance());
            }
            List<Track> found = HiddenTracks.numberedAfter(tracks, engine.track(texts.observations(), analysis.cues()));
            Provenance provenance = settings.provenance().withText(
                    new Provenance.Text(SourceFile.of(settings.text().locate()), text.every()));
            return Findings.of(file, analysis, tracks, found, provenance);
        }
    }

    /** Whether a browser plays the file as it is: H.264 (or a web codec) in MP4 or MOV. */
    static boolean playable(Path source, VideoInfo info) {
        String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean container = name.endsWith(".mp4") || name.endsWith(".m4v") || name.endsWith(".mov")
                || name.endsWith(".webm");
        return container && PLAYABLE_CODECS.contains(info.codec());
    }

    /**
     * A copy the browser can play, frame for frame at the source's times (the renderer's own timing, with nothing
     * hidden), quick to make rather than good to look at.
     */
    private void makePreview(StudioProject p, LiveProgress progress) {
        EncoderSettings quick = new EncoderSettings(28, "ultrafast", settings.encoding().threads());
        engine.renderSegment(p.source(), List.of(), new Segment(0, 0, Long.MAX_VALUE), settings.redaction(), quick,
                p.previewFile(), progress);
    }

    void cancel(StudioProject p) {
        p.cancel();
        p.export().cancel();
    }

    /**
     * Queues an export of the project as it is now: the version at this request is the one rendered, so that a
     * decision made while the export waits or runs is not in it, and is shown as newer than it.
     */
    /**
     * Queues an export of the project as it is now; {@code toBucket} also writes the video and its reports beside
     * the source in its bucket once they are whole.
     */
    void export(StudioProject p, String by, String signedOffBy, boolean toBucket) {
        if (toBucket && p.bucketFolder() == null) {
            throw VideoCatalog.notFromBucket(p.name());
        }
        // A box drawn a moment ago is still being followed through its shot: exported now, its mask would cover
        // only the frames followed so far, and a later export (or redact --project) of the same decisions would
        // differ from this one. Following takes seconds; the reviewer exports once it is done.
        p.following().entrySet().stream().min(Map.Entry.comparingByKey()).ifPresent(f -> {
            throw StudioException.conflict("the box drawn as track " + f.getKey() + " is still being followed through its shot ("
                    + Math.round(f.getValue() * 100) + " %); export once it is done, or its mask would cover only the "
                    + "frames followed so far");
        });
        Project project = p.project();
        int revision = ExportState.revision(project);
        synchronized (p.export()) {
            if (p.export().busy()) {
                throw StudioException.conflict("an export of " + p.name() + " is already under way");
            }
            // The decisions to render are kept with the job, so that it renders them even after a restart.
            try {
                Files.createDirectories(p.exportsDir());
                ReviewJson.writeProject(project, pendingExport(p, revision));
            } catch (IOException e) {
                throw new StudioException(500, "cannot queue the export: " + e.getMessage());
            }
            p.export().waiting();
        }
        p.progressChanged();
        work.submit(StudioJob.export(p.id(), by, signedOffBy, toBucket, revision));
    }

    private static final String PENDING_PREFIX = ".pending-r";

    private static Path pendingExport(StudioProject p, int revision) {
        return p.exportsDir().resolve(PENDING_PREFIX + revision + ".project.json");
    }

    private static void forgetPendingExports(StudioProject p) {
        if (!Files.isDirectory(p.exportsDir())) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(p.exportsDir())) {
            files.filter(f -> f.getFileName().toString().startsWith(PENDING_PREFIX)).forEach(Studio::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", p.exportsDir(), e.getMessage());
        }
    }

    /**
     * Does {@code job}, on whatever thread the studio's {@link StudioWork} runs it. A job cut short because the
     * studio is stopping fails, so that durable work runs it again at the next start.
     */
    public void run(StudioJob job) {
        StudioProject p;
        try {
            p = library.get(job.project());
        } catch (StudioException e) {
            LOG.warn("studio job {} for project {} dropped: {}", job.kind(), job.project(), e.getMessage());
            return;
        }
        if (job.kind().equals(StudioJob.ANALYSE)) {
            if (p.state() == StudioProject.State.READY) {
                // Queued twice (a page opened it while a stored job waited to resume): the review made since stays.
                return;
            }
            analyse(p, job.by());
        } else {
            Path pending = pendingExport(p, job.revision());
            if (!Files.isRegularFile(pending)) {
                LOG.warn("export of revision {} of {} dropped: its decisions are gone", job.revision(), p.name());
                return;
            }
            runExport(p, ReviewJson.readProject(pending), job.by(), job.signedOffBy(), job.toBucket());
            if (!closing) {
                deleteQuietly(pending);
            }
        }
        if (closing) {
            throw new IllegalStateException("the studio stopped before the " + job.kind() + " of " + p.name()
                    + " was done; it runs again at the next start");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    private void runExport(StudioProject p, Project project, String by, String signedOffBy, boolean toBucket) {
        ExportState state = p.export();
        try {
            state.running();
            p.progressChanged();
            Findings findings = p.findings();
            int revision = ExportState.revision(project);
            Container container = Container.defaultFor(p.source(), findings.video());
            Path target = p.exportsDir().resolve(ExportState.fileName(VideoFiles.stem(p.source()), revision,
                    container.extension()));
            Files.createDirectories(p.exportsDir());
            LiveProgress progress = new LiveProgress(state::cancelRequested, s -> {
                state.progress(s);
                p.progressChanged();
            });
            String signer = signedOffBy == null || signedOffBy.isBlank() ? null : signedOffBy.strip();
            ReviewExport.Result result = ReviewExport.export(engine, new ReviewExport.Request(p.source(), findings,
                    project, settings.encoding(), target, container, true, by, signer), clock, progress);
            // The note comes after any decision made meanwhile: it names the revision it rendered, so the
            // history does not read as if those were in it.
            p.apply(by, (edits, current) -> edits.note(current, ExportState.NOTE, "revision " + revision + " (the first "
                    + revision + " decisions): " + result.video().getFileName() + ", SHA-256 "
                    + result.report().output().sha256() + (signer == null ? "" : ", signed off by " + signer)));
            if (toBucket) {
                // After the whole files exist: a failed upload leaves the export in the studio, and says so.
                List<String> written = catalog.writeBeside(p.source(),
                        List.of(result.video(), result.jsonReport(), result.textReport()));
                p.apply(by, (edits, current) -> edits.note(current, "written to the bucket", String.join(", ", written)));
                state.writtenTo(written.get(0));
            }
            state.done(result.video(), revision);
        } catch (CancellationException e) {
            state.cancelled();
        } catch (FaceblurException | StudioException e) {
            state.failed(e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.error("export of {} failed", p.source(), e);
            state.failed("the export failed (" + e + "); see the studio's log");
        }
        p.progressChanged();
    }

    /** Follows drawn track {@code track} from its keyframes, in the background; later requests coalesce. */
    void follow(StudioProject p, int track, String by) {
        String key = p.id() + "/" + track;
        if (!followsQueued.add(key)) {
            return;
        }
        p.following(track, 0.0);
        p.progressChanged();
        followWork.submit(() -> {
            followsQueued.remove(key);
            runFollow(p, track, by);
        });
    }

    private void runFollow(StudioProject p, int track, String by) {
        try {
            ReviewTrack t = p.project().findTrack(track).orElse(null);
            if (t == null || !t.isDrawn() || !t.drawn().following()) {
                return;
            }
            DrawnPath drawn = t.drawn();
            BoxFollower follower = followers.computeIfAbsent(p.id(),
                    id -> new BoxFollower(p.source(), p.findings().frames()));
            LiveProgress progress = new LiveProgress(() -> false, s -> {
                if (s.total() > 0) {
                    p.following(track, Math.min(1.0, (double) s.done() / s.total()));
                    p.progressChanged();
                }
            });
            List<FollowedBox> boxes = follower.follow(drawn.keyframes(), drawn.firstFrame(), drawn.lastFrame(),
                    progress, () -> !p.project().findTrack(track).map(x -> x.isDrawn()
                            && x.drawn().keyframes().equals(drawn.keyframes())).orElse(false));
            thumbnail(p, track, drawn);
            p.apply(by, (edits, current) -> edits.followed(current, track, drawn.keyframes(), boxes));
            p.followProblems().remove(track);
        } catch (CancellationException e) {
            // A newer keyframe replaced these: its own follow is queued.
        } catch (FaceblurException | StudioException e) {
            p.followProblems().put(track, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("following track {} of {} failed", track, p.source(), e);
            p.followProblems().put(track, "following failed (" + e + "); the box stays on the frames set by hand");
        } finally {
            p.following(track, null);
            p.progressChanged();
        }
    }

    /** A drawn face's thumbnail, cut at its first keyframe. */
    private static void thumbnail(StudioProject p, int track, DrawnPath drawn) {
        Keyframe key = drawn.keyframes().get(0);
        Box around = key.box().scaledAboutCenter(1.2);
        TrackThumbnails.write(p.thumbsDir().resolve(StudioViews.drawnThumb(track)), p.frames().crop(key.frame(), around));
    }

    /** One daemon thread named {@code name}, for work done one piece at a time, in order. */
    static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Ends the pages' event streams; before the HTTP server stops, which must not see a write after it. */
    public void stopEvents() {
        events.close();
    }

    @Override
    public void close() {
        closing = true;
        library.list().forEach(this::cancel);
        work.close();
        followWork.shutdownNow();
        try {
            followWork.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        followers.values().forEach(BoxFollower::close);
        events.close();
        library.close();
    }
}
