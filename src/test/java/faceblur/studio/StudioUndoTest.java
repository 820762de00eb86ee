package faceblur.studio;

import faceblur.detect.Box;
import faceblur.redact.RedactionSettings;
import faceblur.review.Decision;
import faceblur.review.Findings;
import faceblur.review.LogEntry;
import faceblur.review.Project;
import faceblur.review.ProjectEdits;
import faceblur.review.ReviewFixture;
import faceblur.review.ReviewJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static faceblur.review.ReviewFixture.Run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Undo and redo of a project's decisions, on its own folder: every decision (a box correction included) can be
 * taken back and done again, the log says so, one batch is one step, and the steps survive a restart.
 */
class StudioUndoTest {

    static final Findings FINDINGS = ReviewFixture.findings(
            new Run(1, 0, 40, 100, 100, 60, 0.9), new Run(2, 10, 45, 300, 200, 60, 0.9),
            new Run(3, 55, 95, 400, 100, 60, 0.3));

    @TempDir
    Path dir;
    StudioProject project;

    @BeforeEach
    void analysed() {
        project = analysed(dir, FINDINGS, Map.of());
    }

    /** A project in {@code dir} just analysed into {@code findings}, with these thumbnails (no video needed). */
    static StudioProject analysed(Path dir, Findings findings, Map<Integer, List<TrackThumbnails.Thumb>> thumbs) {
        StudioProject project = open(dir);
        String sha = ReviewJson.writeFindings(findings, dir.resolve(ReviewJson.FINDINGS_FILE));
        Project start = new ProjectEdits(findings, "studio", Clock.systemUTC()).start(sha, RedactionSettings.defaults());
        ReviewJson.writeProject(start, dir.resolve(ReviewJson.PROJECT_FILE));
        project.ready(findings, start, thumbs);
        return project;
    }

    private static StudioProject open(Path dir) {
        return new StudioProject("p", dir, dir.resolve("clip.mp4"), Clock.systemUTC(), p -> { });
    }

    private Decision decisionOf(int person) {
        return project.project().person(person).decision();
    }

    private String lastAction() {
        List<LogEntry> log = project.project().log();
        return log.get(log.size() - 1).action();
    }

    @Test
    void aDecisionIsUndoneAndRedoneAndTheLogSaysSo() {
        assertThat(project.undoOffer().undo()).isNull();
        project.apply("alice", (e, p) -> e.decide(p, 1, Decision.KEEP));
        assertThat(project.undoOffer().undo()).isEqualTo("keep visible");
        int revision = project.revision();

        project.undo("alice", false);
        assertThat(decisionOf(1)).isEqualTo(Decision.BLUR);
        assertThat(lastAction()).isEqualTo("undo: keep visible");
        assertThat(project.revision()).isEqualTo(revision + 1);
        assertThat(project.undoOffer()).isEqualTo(new ProjectHistory.Offer(null, "keep visible", 0, 1));

        project.undo("alice", true);
        assertThat(decisionOf(1)).isEqualTo(Decision.KEEP);
        assertThat(lastAction()).isEqualTo("redo: keep visible");
        assertThat(project.project().log()).extracting(LogEntry::action)
                .containsSubsequence("keep visible", "undo: keep visible", "redo: keep visible");
        assertThatThrownBy(() -> project.undo("alice", true)).isInstanceOf(StudioException.class)
                .hasMessage("nothing to redo");
    }

    @Test
    void aBoxCorrectionIsUndone() {
        project.apply("alice", (e, p) -> e.setBox(p, 1, 20, new Box(130, 90, 90, 90)));
        assertThat(project.project().track(1).adjustments()).isNotEmpty();
        project.undo("alice", false);
        assertThat(project.project().track(1).adjustments()).isEmpty();
        assertThat(lastAction()).isEqualTo("undo: set box");
    }

    @Test
    void aNewDecisionDropsWhatCouldBeRedoneAndAutomaticChangesAreNoSteps() {
        project.apply("alice", (e, p) -> e.decide(p, 1, Decision.KEEP));
        project.undo("alice", false);
        project.apply("alice", (e, p) -> e.delete(p, 3));
        assertThat(project.undoOffer()).isEqualTo(new ProjectHistory.Offer("delete", null, 1, 0));
        project.apply("alice", (e, p) -> e.note(p, "export", "clip.blurred.mp4"));
        assertThat(project.undoOffer().undo()).isEqualTo("delete");
    }

    @Test
    void aBatchIsOneRevisionAndOneStep() {
        int revision = project.revision();
        project.apply("alice", (e, p) -> StudioEditRoutes.batch(e, p, "keep", List.of(1, 2)));
        assertThat(project.revision()).isEqualTo(revision + 1);
        assertThat(decisionOf(1)).isEqualTo(Decision.KEEP);
        assertThat(decisionOf(2)).isEqualTo(Decision.KEEP);
        assertThat(project.undoOffer().undo()).isEqualTo("keep visible (2)");
        project.apply("alice", (e, p) -> StudioEditRoutes.batch(e, p, "delete", List.of(3)));
        assertThat(project.project().track(3).deleted()).isTrue();
        project.undo("alice", false);
        project.undo("alice", false);
        assertThat(decisionOf(1)).isEqualTo(Decision.BLUR);
        assertThat(decisionOf(2)).isEqualTo(Decision.BLUR);
        assertThat(project.project().track(3).deleted()).isFalse();
    }

    @Test
    void stepsSurviveARestartButNotANewAnalysis() {
        project.apply("alice", (e, p) -> e.merge(p, List.of(1, 2)));
        project.close();
        project = open(dir);
        project.load();
        assertThat(project.undoOffer().undo()).isEqualTo("merge");
        project.undo("bob", false);
        assertThat(project.project().people()).hasSize(3);
        assertThat(project.project().log().get(project.project().log().size() - 1).by()).isEqualTo("bob");

        project.ready(FINDINGS, project.project(), Map.of());
        assertThat(project.undoOffer()).isEqualTo(new ProjectHistory.Offer(null, null, 0, 0));
        assertThat(dir.resolve(ProjectHistory.FOLDER)).doesNotExist();
    }
}
