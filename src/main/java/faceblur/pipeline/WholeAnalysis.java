package faceblur.pipeline;

import faceblur.engine.Analysis;
import faceblur.engine.FaceBlur;
import faceblur.segment.SegmentAnalysisJson;
import faceblur.text.HiddenTracks;
import faceblur.track.Observation;
import faceblur.track.Track;
import faceblur.video.VideoInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The whole video's faces from every segment's stored analysis, linked into tracks over the union. Tracking is
 * deterministic and cheap next to detection, so each render step and the join compute the same tracks from the
 * same rows instead of passing them around: a face is followed across the segments' boundaries, and shots cut
 * at the same frames, as in an unsplit run. The text of a job that hides text is linked the same way, over the
 * same cues, into tracks numbered after the faces, as {@code blur --hide faces,text} numbers them.
 *
 * @param texts the text tracks, their boxes the text's own; empty when the job hides no text
 */
record WholeAnalysis(VideoInfo info, List<Track> tracks, List<Track> texts) {

    static WholeAnalysis load(StepRunner runner, FaceBlur engine, StepId step, StepClock clock) {
        List<Analysis> segments = runner.transactions()
                .withConnection(c -> SegmentRows.analyses(c, step.jobId()))
                .stream().map(SegmentAnalysisJson::fromJson).toList();
        List<Observation> seen = new ArrayList<>();
        List<String> texts = runner.transactions().withConnection(c -> SegmentRows.texts(c, step.jobId()));
        texts.stream().filter(Objects::nonNull).map(SegmentAnalysisJson::textsFromJson).forEach(seen::addAll);
        seen.sort(Comparator.comparingLong(Observation::micros));
        Analysis whole = Analysis.joined(segments);
        List<Track> faces = clock.processing(() -> engine.track(whole));
        List<Track> text = seen.isEmpty() ? List.of()
                : HiddenTracks.numberedAfter(faces, clock.processing(() -> engine.track(seen, whole.cues())));
        return new WholeAnalysis(whole.info(), faces, text);
    }
}
