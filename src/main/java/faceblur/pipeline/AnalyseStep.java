package faceblur.pipeline;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import faceblur.engine.Analysis;
import faceblur.engine.FaceBlur;
import faceblur.storage.ObjectStore;

import java.nio.file.Path;
import java.util.Set;

/**
 * Step 1, per segment: fetch the source, find the faces, store the observations. The last segment to finish
 * moves the job to rendering and schedules that step, in the same transaction.
 */
final class AnalyseStep {

    static final double SHARE = 0.6;

    private final StepRunner runner;
    private final ObjectStore store;
    private final FaceBlur engine;
    private final StepScheduler steps;

    AnalyseStep(StepRunner runner, ObjectStore store, FaceBlur engine, StepScheduler steps) {
        this.runner = runner;
        this.store = store;
        this.engine = engine;
        this.steps = steps;
    }

    OneTimeTask<Void> task() {
        return runner.task(StepScheduler.ANALYSE, PipelineState.QUEUED, PipelineState.ANALYSING, Set.of(), this::run);
    }

    private void run(PipelineJob job, StepId step, WorkFolder folder) {
        Path video = folder.resolve("source");
        SourceVideo.fetch(store, job, video);
        // The whole video is segment 0; a segmenter gives each step its time range to analyse instead.
        Analysis analysis = engine.analyse(video, new StepProgress(runner.transactions(), step, 0, SHARE));
        String observations = ObservationJson.write(analysis.observations());
        runner.transactions().inTransaction(c -> {
            PipelineJob now = PipelineRows.find(c, step.jobId()).orElseThrow();
            if (now.run() != step.run() || now.state() != PipelineState.ANALYSING) {
                return null; // cancelled or retried meanwhile: drop this run's result
            }
            SegmentRows.storeAnalysis(c, step.jobId(), step.segment(), observations);
            if (SegmentRows.unanalysed(c, step.jobId()) == 0) {
                runner.advance(step, PipelineState.ANALYSING, PipelineState.RENDERING, true,
                        analysis.frames() + " frames analysed", () -> steps.render(step.jobId(), step.run()));
            }
            return null;
        });
    }
}
