package faceblur.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Counting: height buckets, the leak rate of faces of 24 px and more, runs of leaked frames. */
class LeakReportTest {

    /** Leaked by both rules. */
    private static LeakReport.FaceFrame leaked(int frame, int id, double height) {
        return new LeakReport.FaceFrame(frame, id, height, false, 0, false, 0.9, true);
    }

    /** Hidden by both rules. */
    private static LeakReport.FaceFrame hidden(int frame, int id, double height) {
        return new LeakReport.FaceFrame(frame, id, height, false, 1, true, 0.1, false);
    }

    /** No detail in the original; what the rules say of it must not count. */
    private static LeakReport.FaceFrame featureless(int frame, int id, double height) {
        return new LeakReport.FaceFrame(frame, id, height, true, 0, false, 0, false);
    }

    private static LeakReport report(int frames, List<LeakReport.FaceFrame> faces) {
        return LeakReport.of(frames, RedactionRule.DEFAULT, DetailCorrelation.DEFAULT, faces, 0, 0);
    }

    @Test
    void runsEndAtAHiddenFrameAndAtAFrameWithoutTheFace() {
        List<LeakReport.FaceFrame> faces = List.of(
                // id 1: leaked 1-3, hidden 4, leaked 5-6: longest 3
                leaked(1, 1, 40), leaked(2, 1, 40), leaked(3, 1, 40), hidden(4, 1, 40), leaked(5, 1, 40),
                leaked(6, 1, 40),
                // id 2: leaked on 1, 2, then absent on 3, leaked 4, 5: longest 2 (given out of order)
                leaked(5, 2, 40), leaked(1, 2, 40), leaked(4, 2, 40), leaked(2, 2, 40),
                // id 3: leaked 7-9: ties with id 1
                leaked(7, 3, 40), leaked(8, 3, 40), leaked(9, 3, 40),
                // id 4: never leaked
                hidden(1, 4, 40));
        assertThat(LeakReport.longestLeakRuns(faces)).isEqualTo(Map.of(1, 3, 2, 2, 3, 3, 4, 0));
        LeakReport report = report(9, faces);
        assertThat(report.longestLeakRun()).isEqualTo(3);
        assertThat(report.longestLeakRunIds()).containsExactly(1, 3);
    }

    @Test
    void nothingLeakedMeansNoRunAndNoIds() {
        LeakReport report = report(1, List.of(hidden(1, 1, 30)));
        assertThat(report.longestLeakRun()).isZero();
        assertThat(report.longestLeakRunIds()).isEmpty();
        assertThat(report.table()).contains("no face leaked");
    }

    @Test
    void bucketsByBoxHeightWithLowerEdgesIncluded() {
        List<LeakReport.FaceFrame> faces = List.of(leaked(1, 1, 15.9), hidden(1, 2, 16), leaked(1, 3, 23.9),
                leaked(1, 4, 24), hidden(1, 5, 31), leaked(1, 6, 64), hidden(1, 7, 128), leaked(1, 8, 400));
        LeakReport report = report(1, faces);
        assertThat(report.byHeight()).extracting(LeakReport.Bucket::heights)
                .containsExactly("<16", "16-24", "24-32", "32-64", "64-128", ">=128");
        assertThat(report.byHeight()).extracting(LeakReport.Bucket::tally).containsExactly(
                new LeakReport.Tally(1, 1), new LeakReport.Tally(2, 1), new LeakReport.Tally(2, 1),
                new LeakReport.Tally(0, 0), new LeakReport.Tally(1, 1), new LeakReport.Tally(2, 1));
        assertThat(report.overall()).isEqualTo(new LeakReport.Tally(8, 5));
        assertThat(report.atLeast24px()).isEqualTo(new LeakReport.Tally(5, 3));
        assertThat(report.atLeast24px().leakRate()).isEqualTo(0.6);
        assertThat(report.byHeight().get(3).tally().leakRate()).isNull();
    }

    @Test
    void featurelessFaceFramesAreCountedApartAndEndRuns() {
        List<LeakReport.FaceFrame> faces = List.of(leaked(1, 1, 40), featureless(2, 1, 40), leaked(3, 1, 40),
                featureless(1, 2, 20), hidden(2, 2, 20));
        LeakReport report = report(3, faces);
        assertThat(report.overall()).isEqualTo(new LeakReport.Tally(3, 2));
        assertThat(report.featurelessFaceFrames()).isEqualTo(2);
        assertThat(report.featurelessAtLeast24px()).isEqualTo(1);
        assertThat(report.byHeight()).extracting(LeakReport.Bucket::featureless).containsExactly(0, 1, 0, 1, 0, 0);
        assertThat(report.longestLeakRun()).as("the featureless frame 2 is not a leaked frame").isEqualTo(1);
        assertThat(report.leaked()).extracting(LeakReport.FaceFrame::frame).containsExactly(1, 3);
        assertThat(report.correlationCheck().overall()).isEqualTo(new LeakReport.Tally(3, 2));
        assertThat(report.table()).contains("featureless face-frames: 2 (1 of them >= 24 px)");
    }

    @Test
    void disagreementsAreCountedEachWay() {
        List<LeakReport.FaceFrame> faces = List.of(
                new LeakReport.FaceFrame(1, 1, 40, false, 0.2, false, 0.3, false), // pixel rule only
                new LeakReport.FaceFrame(1, 2, 40, false, 0.2, false, 0.1, false), // pixel rule only
                new LeakReport.FaceFrame(1, 3, 20, false, 0.9, true, 0.8, true), // correlation only, small
                leaked(1, 4, 40), hidden(1, 5, 40));
        LeakReport.CorrelationCheck check = report(1, faces).correlationCheck();
        assertThat(check.disagree()).isEqualTo(new LeakReport.Disagreement(2, 1));
        assertThat(check.disagreeAtLeast24px()).isEqualTo(new LeakReport.Disagreement(2, 0));
        assertThat(check.overall()).isEqualTo(new LeakReport.Tally(5, 2));
        assertThat(check.atLeast24px()).isEqualTo(new LeakReport.Tally(4, 1));
    }
}
