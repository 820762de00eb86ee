package faceblur.pipeline;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import faceblur.FaceblurException;
import faceblur.engine.FaceBlur;
import faceblur.redact.RedactionSettings;
import faceblur.rekognition.RekognitionJson;
import faceblur.segment.SegmentJoiner;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.text.HiddenTracks;
import faceblur.track.Track;
import faceblur.video.Container;
import faceblur.video.Segment;
import faceblur.video.VideoInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Steps 2 and 3. {@code pipeline-render}, per segment: render the segment's frames with every face of the whole
 * video's tracks hidden (same defaults as {@code faceblur blur}) into a video-only piece, and put it in the
 * staging place. The last piece to arrive moves the job to publishing and schedules the join, in the same
 * transaction. A re-run after a lost node renders the same piece again and overwrites the same key.
 *
 * <p>{@code pipeline-join}, once per run: fetch the source and every piece, join them with the source's audio
 * without re-encoding, publish the detections and the video (each by one PUT), mark the job done, then remove
 * the pieces. A node lost while publishing leaves the job in publishing; the step then runs again and
 * overwrites the same keys with the same content. Pieces of a node lost between "done" and their removal, or of
 * a job cancelled while rendering, stay behind under the staging prefix (a lifecycle rule on it clears them).
 *
 * <p>A photo's join is {@link PhotoStep}'s: it has no pieces, and is blurred and published there.
 *
 * <p>A one-segment video takes the same path (one piece, joined alone): one code path for every job, for the
 * price of one more upload and download of the video-only piece and a remux, counted as coordination.
 */
final class RenderStep {

    private static final double RENDERED_AT = 0.95;

    private final StepRunner runner;
    private final ObjectStore store;
    private final FaceBlur engine;
    private final PipelineSettings settings;
    private final StepScheduler steps;
    private final PhotoStep photos;

    RenderStep(StepRunner runner, ObjectStore store, FaceBlur engine, PipelineSettings settings, StepScheduler steps,
               PhotoStep photos) {
        this.runner = runner;
        this.photos = photos;
        this.store = store;
        this.engine = engine;
        this.settings = settings;
        this.steps = steps;
    }

    List<OneTimeTask<Void>> tasks() {
        return List.of(runner.task(StepScheduler.RENDER, PipelineState.RENDERING, PipelineState.RENDERING, Set.of(),
                this::render), runner.task(StepScheduler.JOIN, PipelineState.PUBLISHING, PipelineState.PUBLISHING,
                Set.of(), this::join));
    }

    private void render(PipelineJob job, StepId step, WorkFolder folder, StepClock clock) {
        SourceVideo source = SourceVideo.fetch(store, runner.sources(), job, folder, clock);
        container(job.video(), source.info()); // an output that cannot be made fails now, not after rendering
        Segment segment = runner.transactions()
                .withConnection(c -> SegmentRows.segment(c, step.jobId(), step.segment())).orElseThrow();
        WholeAnalysis whole = WholeAnalysis.load(runner, engine, step, clock);
        Path piece = folder.resolve("piece.mp4");
        RedactionSettings redaction = job.redactionOr(settings.redaction());
        List<Track> hidden = HiddenTracks.of(job.hide().faces() ? whole.tracks() : List.of(), whole.texts(), redaction);
        clock.processing(() -> engine.renderSegment(source.path(), hidden, segment, redaction,
                settings.encoding(), piece, new StepProgress(runner.transactions(), step, AnalyseStep.SHARE,
                        RENDERED_AT)));
        store.upload(piece, settings.segments().piece(job, step.run(), step.segment()));
        // cancelled or retried meanwhile: the piece stays behind under the staging prefix, never published
        runner.holdingJob(step, PipelineState.RENDERING, c -> {
            SegmentRows.storeRendered(c, step.jobId(), step.segment());
            if (SegmentRows.unrendered(c, step.jobId()) == 0) {
                runner.advance(step, PipelineState.RENDERING, PipelineState.PUBLISHING, true,
                        "rendered every segment, " + whole.tracks().size() + " tracked faces"
                                + (job.hide().text() ? ", " + whole.texts().size() + " text tracks" : ""),
                        () -> steps.join(step.jobId(), step.run()));
            }
            return null;
        });
    }

    private void join(PipelineJob job, StepId step, WorkFolder folder, StepClock clock) {
        if (PhotoStep.isPhoto(job)) {
            photos.publish(job, step, folder, clock);
            return;
        }
        SourceVideo source = SourceVideo.fetch(store, runner.sources(), job, folder, clock);
        Container container = container(job.video(), source.info());
        List<S3Location> staged = runner.transactions().withConnection(c -> SegmentRows.segments(c, step.jobId()))
                .stream().map(segment -> settings.segments().piece(job, step.run(), segment)).toList();
        List<Path> pieces = new ArrayList<>();
        for (S3Location location : staged) {
            Path piece = folder.resolve("piece-" + pieces.size() + ".mp4");
            store.download(location, piece);
            pieces.add(piece);
        }
        WholeAnalysis whole = WholeAnalysis.load(runner, engine, step, clock);
        Path video = folder.resolve("video" + container.extension());
        SegmentJoiner.join(source.path(), pieces, video, container, settings.encoding().metadata());
        Path faces = folder.resolve("faces.json");
        RekognitionJson.write(job.hide().text()
                ? RekognitionJson.result(whole.info(), whole.tracks(), whole.texts(), settings.text().every())
                : RekognitionJson.result(whole.info(), whole.tracks()), faces);
        // The detections first: a video in DST then always has its faces.json beside it.
        store.upload(faces, job.faces());
        store.upload(video, job.video());
        String sourceUse = runner.transactions().withConnection(c -> StepRows.sourceUse(c, step, clock));
        if (runner.advance(step, PipelineState.PUBLISHING, PipelineState.DONE, false, "published " + job.video()
                + " and " + job.faces() + " (" + pieces.size() + " pieces joined; " + sourceUse + ")", () -> {
                })) {
            staged.forEach(store::delete);
        }
    }

    static Container container(S3Location video, VideoInfo info) {
        Container container = Container.forPath(Path.of(video.key().substring(video.key().lastIndexOf('/') + 1)));
        String refusal = container.refusal(info.audioCodecs(), "", " with --output-template");
        if (refusal != null) {
            throw new FaceblurException(refusal);
        }
        return container;
    }
}
