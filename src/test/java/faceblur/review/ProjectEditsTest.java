package faceblur.review;

import faceblur.engine.DetectionSchedule;
import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.DetectorSettings;
import faceblur.follow.FollowedBox;
import faceblur.follow.Keyframe;
import faceblur.redact.RedactionSettings;
import faceblur.track.FaceTimeline;
import faceblur.track.Observation;
import faceblur.track.Track;
import faceblur.track.Tracker;
import faceblur.track.TrackerSettings;
import faceblur.shot.CoarseMotion;
import faceblur.shot.PictureCues;
import faceblur.shot.Shots;
import faceblur.video.Rational;
import faceblur.video.VideoInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The reviewer's decisions on findings made by the real tracker from known detections: 100 frames at 25 fps with
 * a cut at frame 50; face A seen on frames 0-40, face B on frames 10-45, face C on frames 55-95. What each
 * decision hides is read from the plan the export renders, frame by frame.
 */
class ProjectEditsTest {

    private static final long FRAME = 40_000;
    private static final int CUT = 50;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    private final Findings findings = findings();
    private final ProjectEdits edits = new ProjectEdits(findings, "alice", CLOCK);
    private final Project start = edits.start("sha", RedactionSettings.defaults());

    private static Findings findings() {
        List<Observation> observations = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        for (int f = 0; f < 100; f++) {
            long t = f * FRAME;
            frames.add(t);
            List<Detection> faces = new ArrayList<>();
            if (f <= 40) {
                faces.add(face(100 + 2 * f, 100));
            }
            if (f >= 10 && f <= 45) {
                faces.add(face(400, 200));
            }
            if (f >= 55 && f <= 95) {
                faces.add(face(300, 300 - f));
            }
            observations.add(new Observation(t, faces));
        }
        TrackerSettings tracking = TrackerSettings.defaults();
        PictureCues cues = new PictureCues(new Shots(List.of(CUT * FRAME)), CoarseMotion.UNKNOWN);
        List<Track> tracks = Tracker.link(observations, tracking, cues);
        VideoInfo info = new VideoInfo("QuickTime / MOV", "h264", 640, 480, new Rational(25, 1), new Rational(1, 25_000),
                4_000_000, 100, 0, false, new Rational(1, 1), List.of(), 0);
        Provenance provenance = new Provenance("faceblur test", new SourceFile("model.onnx", "m", 1),
                DetectorSettings.defaults(), DetectionSchedule.defaults(), tracking);
        return new Findings(new SourceFile("clip.mp4", "abc", 1000), info, frames, List.of(CUT * FRAME),
                tracks.get(0).camera(), tracks, provenance);
    }

    private static Detection face(double x, double y) {
        return new Detection(new Box(x, y, 40, 40), 0.9, List.of());
    }

    /** The review track ids whose masks are on frame {@code f} in the export. */
    private static Set<Integer> hiddenOn(RedactionPlan plan, int f) {
        return plan.hiddenAt(f * FRAME).stream().map(FaceTimeline.TrackFaces::trackId).collect(Collectors.toSet());
    }

    private int trackOf(Project p, double x) {
        return p.tracks().stream().filter(t -> {
            Box b = findings.tracksById().get(t.detected()).points().get(0).detection().box();
            return Math.abs(b.x() - x) < 1;
        }).findFirst().orElseThrow().id();
    }

    @Test
    void everyFoundFaceStartsAsItsOwnHiddenPerson() {
        assertThat(findings.tracks()).hasSize(3);
        assertThat(start.people()).hasSize(3).allSatisfy(p -> assertThat(p.decision()).isEqualTo(Decision.BLUR));
        RedactionPlan plan = RedactionPlan.of(findings, start);
        assertThat(plan.visible()).isEmpty();
        assertThat(hiddenOn(plan, 20)).hasSize(2);
        assertThat(start.log()).singleElement().satisfies(e -> {
            assertThat(e.by()).isEqualTo("alice");
            assertThat(e.at()).isEqualTo("2026-12-05T10:00:00Z");
        });
    }

    @Test
    void aKeptPersonIsDrawnAsVisibleAndNotHidden() {
        int a = trackOf(start, 100);
        Project p = edits.decide(start, start.track(a).person(), Decision.KEEP);
        RedactionPlan plan = RedactionPlan.of(findings, p);
        for (int f = 0; f < 100; f++) {
            assertThat(hiddenOn(plan, f)).as("frame %d", f).doesNotContain(a);
        }
        assertThat(plan.visibleAt(20 * FRAME)).extracting(FaceTimeline.TrackFaces::trackId).containsExactly(a);
        assertThat(edits.decide(p, p.track(a).person(), Decision.BLUR)).satisfies(q ->
                assertThat(hiddenOn(RedactionPlan.of(findings, q), 20)).contains(a));
    }

    @Test
    void mergedPeopleStayVisibleOnlyIfAllWere() {
        int a = start.track(trackOf(start, 100)).person();
        int c = start.track(trackOf(start, 300)).person();
        Project kept = edits.decide(start, a, Decision.KEEP);
        Project mixed = edits.merge(kept, List.of(a, c));
        assertThat(mixed.people()).hasSize(2);
        assertThat(mixed.person(a).decision()).isEqualTo(Decision.BLUR);
        assertThat(mixed.tracksOf(a)).hasSize(2);
        // Hiding a face the reviewer chose to show is a decision of its own in the log.
        assertThat(mixed.log().get(mixed.log().size() - 1)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("blur");
            assertThat(e.person()).isEqualTo(a);
            assertThat(e.detail()).contains("person " + a + " was kept visible, now hidden with person " + c);
        });
        Project bothKept = edits.merge(edits.decide(kept, c, Decision.KEEP), List.of(a, c));
        assertThat(bothKept.person(a).decision()).isEqualTo(Decision.KEEP);
        assertThat(bothKept.log().get(bothKept.log().size() - 1).action()).isEqualTo("merge");
        assertThatThrownBy(() -> edits.merge(start, List.of(a))).isInstanceOf(FaceblurException.class);
        assertThatThrownBy(() -> edits.merge(start, List.of(a, 99))).hasMessageContaining("no person 99");
    }

    @Test
    void deletedFramesAreLeftAloneAndTheRestStaysHidden() {
        int a = trackOf(start, 100);
        Project p = edits.deleteFrames(start, a, 10, 20);
        RedactionPlan plan = RedactionPlan.of(findings, p);
        List<Integer> pieces = p.tracksOf(start.track(a).person()).stream().map(ReviewTrack::id).toList();
        assertThat(pieces).hasSize(2);
        for (int f = 10; f <= 20; f++) {
            assertThat(hiddenOn(plan, f)).as("frame %d", f).doesNotContainAnyElementsOf(pieces);
        }
        for (int f : new int[]{0, 9, 21, 40, 49}) {
            assertThat(hiddenOn(plan, f)).as("frame %d", f).containsAnyElementsOf(pieces);
        }
        assertThat(hiddenOn(plan, CUT)).as("no mask crosses the cut").doesNotContainAnyElementsOf(pieces);
    }

    @Test
    void deletingEveryFrameDeletesTheTrack() {
        int a = trackOf(start, 100);
        Project p = edits.deleteFrames(start, a, 0, 99);
        assertThat(p.track(a).deleted()).isTrue();
        // The log (and the report and the page's history) says the track went, not that some frames did.
        assertThat(p.log().get(p.log().size() - 1)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("delete");
            assertThat(e.track()).isEqualTo(a);
            assertThat(e.detail()).isEqualTo("frames 0 to 99 cover all of it");
        });
        // The person is left with no live track: listed with the deleted ones only, and restorable.
        assertThat(p.tracksOf(p.track(a).person())).allMatch(ReviewTrack::deleted);
        Project restored = edits.restore(edits.delete(start, a), a);
        assertThat(hiddenOn(RedactionPlan.of(findings, restored), 5)).contains(a);
    }

    @Test
    void aSplitTrackBecomesANewHiddenPersonFromThatFrame() {
        int b = trackOf(start, 400);
        Project p = edits.split(start, b, 30);
        ReviewTrack second = p.tracks().stream().filter(t -> t.id() == start.nextTrackId()).findFirst().orElseThrow();
        assertThat(second.person()).isNotEqualTo(p.track(b).person());
        assertThat(p.person(second.person()).decision()).isEqualTo(Decision.BLUR);
        RedactionPlan plan = RedactionPlan.of(findings, p);
        for (int f = 10; f <= 45; f++) {
            assertThat(hiddenOn(plan, f)).as("frame %d", f).containsAnyOf(b, second.id());
        }
        assertThat(hiddenOn(plan, 35)).contains(second.id());
        assertThatThrownBy(() -> edits.split(start, b, 5)).hasMessageContaining("between its first and last");
    }

    /** The boxes of track {@code track} on frame {@code f} as the export draws them. */
    private static List<Box> boxesOf(RedactionPlan plan, int track, int f) {
        return plan.hiddenAt(f * FRAME).stream().filter(x -> x.trackId() == track)
                .flatMap(x -> x.boxes().stream()).toList();
    }

    /** The boxes as text to a millionth of a pixel, for comparing boxes computed along different float paths. */
    private static List<String> drawn(RedactionPlan plan, int track, int f) {
        return boxesOf(plan, track, f).stream().map(b -> String.format(java.util.Locale.ROOT, "%.6f %.6f %.6f %.6f",
                b.x(), b.y(), b.width(), b.height())).toList();
    }

    @Test
    void aCorrectedBoxIsWhereTheReviewerPutItAndCarriesOn() {
        int c = trackOf(start, 300);
        Box wanted = new Box(280, 200, 80, 90);
        Project p = edits.setBox(start, c, 70, wanted);
        Box at = boxesOf(RedactionPlan.of(findings, p), c, 70).get(0);
        assertThat(at.x()).isCloseTo(wanted.x(), within(1e-6));
        assertThat(at.width()).isCloseTo(wanted.width(), within(1e-6));
        assertThat(at.height()).isCloseTo(wanted.height(), within(1e-6));
        assertThat(boxesOf(RedactionPlan.of(findings, p), c, 90).get(0).width()).isCloseTo(80, within(1e-6));
        assertThatThrownBy(() -> edits.setBox(start, c, 20, wanted)).hasMessageContaining("no mask on frame 20");
    }

    @Test
    void aCorrectionHoldsFromItsFrameOnAndTheLogSaysTheBoxServed() {
        int c = trackOf(start, 300);
        RedactionPlan before = RedactionPlan.of(findings, start);
        Project larger = edits.setBox(start, c, 60, new Box(280, 220, 60, 60));
        RedactionPlan once = RedactionPlan.of(findings, larger);
        // "From this frame on": every earlier frame, the held mask before the first sighting included, is as it was.
        for (int f = CUT; f < 60; f++) {
            assertThat(drawn(once, c, f)).as("frame %d", f).isEqualTo(drawn(before, c, f));
        }
        assertThat(boxesOf(once, c, 75).get(0).width()).isCloseTo(60, within(1e-6));

        // A second, smaller correction later: frames between the two keep the first one exactly, not a blend.
        Box smaller = new Box(290, 230, 44, 44);
        Project twice = edits.setBox(larger, c, 70, smaller);
        RedactionPlan plan = RedactionPlan.of(findings, twice);
        for (int f = CUT; f < 70; f++) {
            assertThat(drawn(plan, c, f)).as("frame %d", f).isEqualTo(drawn(once, c, f));
        }
        // On its frame the export draws the reviewer's box, and the log (which the report prints) names that box.
        Box served = boxesOf(plan, c, 70).get(0);
        assertThat(served.width()).isCloseTo(44, within(1e-6));
        assertThat(served.x()).isCloseTo(290, within(1e-6));
        assertThat(twice.log().get(twice.log().size() - 1).detail()).isEqualTo(String.format(java.util.Locale.ROOT,
                "box x %.0f y %.0f, %.0fx%.0f px", served.x(), served.y(), served.width(), served.height()));
        // However many corrections, the track lists one unbroken span, as before them.
        assertThat(findings.framesOf(RedactionPlan.tracksOf(twice.track(c), findings)))
                .containsExactly(findings.framesOf(RedactionPlan.tracksOf(start.track(c), findings)).get(0));
    }

    @Test
    void aDrawnFaceIsHiddenOnItsFramesOnlyAndLateFollowResultsAreIgnored() {
        ProjectEdits.Drawn d = edits.draw(start, 60, new Box(10, 10, 50, 50));
        int id = d.track();
        assertThat(d.project().track(id).drawn().firstFrame()).isEqualTo(CUT);
        assertThat(d.project().track(id).drawn().lastFrame()).isEqualTo(99);
        assertThat(hiddenOn(RedactionPlan.of(findings, d.project()), 60)).contains(id);
        assertThat(hiddenOn(RedactionPlan.of(findings, d.project()), 61)).doesNotContain(id);
        List<Keyframe> keys = d.project().track(id).drawn().keyframes();
        List<FollowedBox> followed = new ArrayList<>();
        for (int f = 55; f <= 65; f++) {
            followed.add(new FollowedBox(f, f * FRAME, new Box(10 + f - 60, 10, 50, 50)));
        }
        Project moved = edits.setBox(d.project(), id, 62, new Box(20, 10, 50, 50));
        assertThat(edits.followed(moved, id, keys, followed)).as("stale").isSameAs(moved);
        Project done = edits.followed(d.project(), id, keys, followed);
        RedactionPlan plan = RedactionPlan.of(findings, done);
        for (int f = 55; f <= 65; f++) {
            assertThat(hiddenOn(plan, f)).as("frame %d", f).contains(id);
        }
        assertThat(hiddenOn(plan, 54)).doesNotContain(id);
        assertThat(hiddenOn(plan, 66)).doesNotContain(id);
        assertThatThrownBy(() -> edits.draw(start, 10, new Box(630, 10, 50, 50))).hasMessageContaining("mostly inside");
        assertThatThrownBy(() -> edits.draw(start, 100, new Box(10, 10, 50, 50))).hasMessageContaining("no frame 100");
    }

    @Test
    void filesGiveBackWhatWasWritten(@TempDir Path dir) {
        Project p = edits.deleteFrames(edits.decide(start, 1, Decision.KEEP), trackOf(start, 300), 60, 62);
        p = edits.draw(p, 20, new Box(5, 5, 30, 30)).project();
        String sha = ReviewJson.writeFindings(findings, dir.resolve("findings.json"));
        ReviewJson.writeProject(p, dir.resolve("project.json"));
        Findings read = ReviewJson.readFindings(dir.resolve("findings.json"), sha);
        assertThat(ReviewJson.readProject(dir.resolve("project.json"))).isEqualTo(p);
        RedactionPlan before = RedactionPlan.of(findings, p);
        RedactionPlan after = RedactionPlan.of(read, p);
        for (int f = 0; f < 100; f++) {
            assertThat(after.hiddenBoxesAt(f * FRAME)).as("frame %d", f).isEqualTo(before.hiddenBoxesAt(f * FRAME));
        }
        assertThatThrownBy(() -> ReviewJson.readFindings(dir.resolve("findings.json"), "other"))
                .hasMessageContaining("not the findings this project was reviewed on");
    }
}
