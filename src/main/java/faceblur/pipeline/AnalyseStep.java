package faceblur.pipeline;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import faceblur.engine.Analysis;
import faceblur.engine.FaceBlur;
import faceblur.engine.FrameWatcher;
import faceblur.segment.SegmentAnalysisJson;
import faceblur.segment.SegmentPlan;
import faceblur.storage.ObjectStore;
import faceblur.text.TextHiding;
import faceblur.text.VideoText;
import faceblur.video.Segment;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 1, per segment: fetch the source, find the faces in the segment's time range, store the observations.
 * Segment 0 runs first and plans the cuts (at keyframes, about every {@code --segment-duration}), adding a row
 * and an execution for every further segment, which any node may then take. The last segment to finish moves
 * the job to rendering and schedules one render per segment, in the same transaction. A photo goes on to its
 * join at once ({@link PhotoStep}).
 */
final class AnalyseStep {

    static final double SHARE = 0.6;

    private final StepRunner runner;
    private final ObjectStore store;
    private final FaceBlur engine;
    private final StepScheduler steps;
    private final SegmentSettings segments;
    private final PhotoStep photos;
    private final PipelineSettings settings;

    AnalyseStep(StepRunner runner, ObjectStore store, FaceBlur engine, StepScheduler steps, PipelineSettings settings,
                PhotoStep photos) {
        this.settings = settings;
        this.runner = runner;
        this.photos = photos;
        this.store = store;
        this.engine = engine;
        this.steps = steps;
        this.segments = settings.segments();
    }

    OneTimeTask<Void> task() {
        return runner.task(StepScheduler.ANALYSE, PipelineState.QUEUED, PipelineState.ANALYSING, Set.of(), this::run);
    }

    private void run(PipelineJob job, StepId step, WorkFolder folder, StepClock clock) {
        if (PhotoStep.isPhoto(job)) {
            photos.start(step);
            return;
        }
        Path video = SourceVideo.fetch(store, runner.sources(), job, folder, clock).path();
        Segment segment = segment(step, video);
        // The text detector runs beside face detection in the same pass, when the job's rule hides text.
        TextHiding text = job.hide().text() ? settings.text().open() : null;
        Analysis analysis;
        String texts;
        try (text) {
            VideoText watcher = text == null ? null : text.forVideo();
            analysis = clock.processing(() -> engine.analyse(video, segment,
                    new StepProgress(runner.transactions(), step, 0, SHARE),
                    watcher == null ? FrameWatcher.NONE : watcher));
            texts = watcher == null ? null : SegmentAnalysisJson.textsToJson(watcher.observations());
        }
        String json = SegmentAnalysisJson.toJson(analysis);
        // cancelled or retried meanwhile: the result is dropped
        runner.holdingJob(step, PipelineState.ANALYSING, c -> {
            SegmentRows.storeAnalysis(c, step.jobId(), step.segment(), json, texts);
            if (SegmentRows.unanalysed(c, step.jobId()) == 0) {
                List<Integer> all = SegmentRows.segments(c, step.jobId());
                runner.advance(step, PipelineState.ANALYSING, PipelineState.RENDERING, true,
                        all.size() + " segments analysed", () -> steps.render(step.jobId(), step.run(), all));
            }
            return null;
        });
    }

    /** This step's time range; segment 0 of a job not planned yet plans it (again, identically, after a crash). */
    private Segment segment(StepId step, Path video) {
        Optional<Segment> planned = runner.transactions()
                .withConnection(c -> SegmentRows.segment(c, step.jobId(), step.segment()));
        if (planned.isPresent()) {
            return planned.get();
        }
        if (step.segment() != 0) {
            throw new IllegalStateException("segment " + step.segment() + " of job " + step.jobId() + " has no row");
        }
        List<Segment> plan = SegmentPlan.plan(video, segments.length());
        runner.holdingJob(step, PipelineState.ANALYSING, c -> {
            if (SegmentRows.plan(c, step.jobId(), plan)) {
                HistoryRows.add(c, step.jobId(), PipelineState.ANALYSING, Instant.now(), "planned " + plan.size()
                        + " segment" + (plan.size() == 1 ? "" : "s") + " of about " + segments.length().toSeconds()
                        + " s");
                steps.analyse(step.jobId(), step.run(), plan.stream().skip(1).map(Segment::index).toList());
            }
            return null;
        });
        return plan.get(0);
    }
}
