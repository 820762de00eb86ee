package faceblur.pipeline;

import faceblur.engine.Analysis;
import faceblur.engine.FaceBlur;
import faceblur.segment.SegmentAnalysisJson;
import faceblur.track.Track;
import faceblur.video.VideoInfo;

import java.util.List;

/**
 * The whole video's faces from every segment's stored analysis, linked into tracks over the union. Tracking is
 * deterministic and cheap next to detection, so each render step and the join compute the same tracks from the
 * same rows instead of passing them around: a face is followed across the segments' boundaries, and shots cut
 * at the same frames, as in an unsplit run.
 */
record WholeAnalysis(VideoInfo info, List<Track> tracks) {

    static WholeAnalysis load(StepRunner runner, FaceBlur engine, StepId step, StepClock clock) {
        List<Analysis> segments = runner.transactions()
                .withConnection(c -> SegmentRows.analyses(c, step.jobId()))
                .stream().map(SegmentAnalysisJson::fromJson).toList();
        Analysis whole = Analysis.joined(segments);
        return new WholeAnalysis(whole.info(), clock.processing(() -> engine.track(whole)));
    }
}
