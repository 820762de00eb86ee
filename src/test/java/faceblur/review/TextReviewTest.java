package faceblur.review;

import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Shape;
import faceblur.redact.Style;
import faceblur.track.CameraPath;
import faceblur.track.FaceTimeline;
import faceblur.track.Track;
import faceblur.track.TrackPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static faceblur.review.ReviewFixture.FRAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Text in a review: each piece of text found (a plate, a sign) is a "person" of kind text, hidden until kept;
 * hidden, its mask covers its whole box; kept, it shows and spares nothing else; it never merges with a face;
 * projects and findings saved before text was found still load, as faces only.
 */
class TextReviewTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    /** The text: a plate-shaped box, frames 10-45. */
    static final Box PLATE = new Box(300, 300, 160, 40);

    @TempDir
    Path dir;

    /** A face (frames 0-40) and the plate; {@code faceOnPlate} puts a weak face inside the plate's box instead. */
    static Findings withText(boolean faceOnPlate) {
        Findings faces = faceOnPlate
                ? ReviewFixture.findings(new ReviewFixture.Run(1, 0, 40, 330, 302, 36, 0.4))
                : ReviewFixture.findings(new ReviewFixture.Run(1, 0, 40, 100, 100, 40, 0.9));
        List<TrackPoint> points = new ArrayList<>();
        for (int f = 10; f <= 45; f++) {
            points.add(new TrackPoint(f * FRAME, new Detection(PLATE, 0.8, List.of())));
        }
        Track text = new Track(2, points, 0, 0, CameraPath.STILL);
        return new Findings(faces.source(), faces.video(), faces.frames(), faces.cuts(), faces.camera(),
                faces.tracks(), faces.provenance(), List.of(text));
    }

    private static Person textPerson(Project p) {
        return p.people().stream().filter(Person::isText).findFirst().orElseThrow();
    }

    private static Optional<FaceTimeline.TrackFaces> on(List<FaceTimeline.TrackFaces> faces, int track) {
        return faces.stream().filter(f -> f.trackId() == track).findFirst();
    }

    /** Whether the mask drawn around {@code given} (the redactor's shape, enlarged by its scale) holds {@code box}. */
    private static boolean maskHolds(Box given, RedactionSettings redaction, Box box) {
        Box mask = given.scaledAboutCenter(redaction.maskScale());
        double cx = mask.x() + mask.width() / 2;
        double cy = mask.y() + mask.height() / 2;
        for (double[] c : new double[][]{{box.x(), box.y()}, {box.right(), box.y()}, {box.x(), box.bottom()},
                {box.right(), box.bottom()}}) {
            double dx = (c[0] - cx) / (mask.width() / 2);
            double dy = (c[1] - cy) / (mask.height() / 2);
            boolean inside = redaction.shape() == Shape.ELLIPSE ? dx * dx + dy * dy <= 1 + 1e-9
                    : Math.abs(dx) <= 1 + 1e-9 && Math.abs(dy) <= 1 + 1e-9;
            if (!inside) {
                return false;
            }
        }
        return true;
    }

    @Test
    void eachPieceOfTextIsAHiddenPersonOfKindText() {
        Findings findings = withText(false);
        Project p = new ProjectEdits(findings, "alice", CLOCK).start("sha", RedactionSettings.defaults());
        assertThat(p.people()).extracting(Person::kind).containsExactly(Kind.FACE, Kind.TEXT);
        assertThat(p.people()).allSatisfy(x -> assertThat(x.decision()).isEqualTo(Decision.BLUR));
        assertThat(p.tracksOf(textPerson(p).id())).singleElement()
                .satisfies(t -> assertThat(t.detected()).isEqualTo(2));
        assertThat(p.log().get(0).detail()).contains("1 faces found, 1 pieces of text");
    }

    @Test
    void hiddenTextIsMaskedWholeInEveryStyleAndKeptTextShows() {
        Findings findings = withText(false);
        ProjectEdits edits = new ProjectEdits(findings, "alice", CLOCK);
        for (RedactionSettings style : List.of(RedactionSettings.defaults(),
                new RedactionSettings(Style.PIXELATE, Shape.BOX, 1.0), new RedactionSettings(Style.BLUR, Shape.ELLIPSE, 2.0))) {
            Project p = edits.start("sha", style);
            int track = p.tracksOf(textPerson(p).id()).get(0).id();
            RedactionPlan plan = RedactionPlan.of(findings, p);
            Box given = on(plan.hiddenAt(20 * FRAME), track).orElseThrow().boxes().get(0);
            assertThat(maskHolds(given, style, PLATE)).as("%s: the mask around %s holds the plate %s", style, given, PLATE)
                    .isTrue();
            assertThat(on(plan.hiddenAt(5 * FRAME), track)).as("before the text is seen").isEmpty();

            Project kept = edits.decide(p, textPerson(p).id(), Decision.KEEP);
            RedactionPlan keptPlan = RedactionPlan.of(findings, kept);
            assertThat(on(keptPlan.hiddenAt(20 * FRAME), track)).isEmpty();
            assertThat(on(keptPlan.visibleAt(20 * FRAME), track)).isPresent();
        }
    }

    /** A kept sign does not show the face on it, though a kept face would spare a weak box inside it. */
    @Test
    void keptTextSparesNoFace() {
        Findings findings = withText(true);
        ProjectEdits edits = new ProjectEdits(findings, "alice", CLOCK);
        Project p = edits.start("sha", RedactionSettings.defaults());
        Project keptSign = edits.decide(p, textPerson(p).id(), Decision.KEEP);
        int face = p.tracks().stream().filter(t -> !p.person(t.person()).isText()).findFirst().orElseThrow().id();
        assertThat(on(RedactionPlan.of(findings, keptSign).hiddenAt(20 * FRAME), face)).as("the face on the kept sign")
                .isPresent();
        // The same plan with the sign's track taken as a face: it spares the weak face, as kept faces do.
        Findings signAsFace = new Findings(findings.source(), findings.video(), findings.frames(), findings.cuts(),
                findings.camera(), findings.allTracks(), findings.provenance());
        assertThat(on(RedactionPlan.of(signAsFace, keptSign).hiddenAt(20 * FRAME), face)).isEmpty();
    }

    @Test
    void faceAndTextDoNotMergeAndASplitTextStaysText() {
        Findings findings = withText(false);
        ProjectEdits edits = new ProjectEdits(findings, "alice", CLOCK);
        Project p = edits.start("sha", RedactionSettings.defaults());
        List<Integer> both = p.people().stream().map(Person::id).toList();
        assertThatThrownBy(() -> edits.merge(p, both)).isInstanceOf(FaceblurException.class)
                .hasMessageContaining("only faces merge with faces, and text with text");
        int track = p.tracksOf(textPerson(p).id()).get(0).id();
        Project split = edits.split(p, track, 30);
        assertThat(split.people()).extracting(Person::kind).containsExactly(Kind.FACE, Kind.TEXT, Kind.TEXT);
        Project separate = edits.separate(edits.merge(split, split.people().stream().filter(Person::isText)
                .map(Person::id).toList()), track);
        assertThat(separate.people()).extracting(Person::kind).containsExactly(Kind.FACE, Kind.TEXT, Kind.TEXT);
    }

    @Test
    void projectsAndFindingsFromBeforeTextLoadAsFaces() throws Exception {
        Findings findings = withText(false);
        Project p = new ProjectEdits(findings, "alice", CLOCK).start("sha", RedactionSettings.defaults());
        Path project = dir.resolve("project.json");
        ReviewJson.writeProject(p, project);
        assertThat(ReviewJson.readProject(project).people()).extracting(Person::kind)
                .containsExactly(Kind.FACE, Kind.TEXT);
        String old = Files.readString(project).replaceAll(",\\s*\"kind\"\\s*:\\s*\"[A-Z]+\"", "");
        assertThat(old).doesNotContain("kind").contains("\"decision\"");
        Files.writeString(project, old);
        assertThat(ReviewJson.readProject(project).people()).extracting(Person::kind)
                .containsExactly(Kind.FACE, Kind.FACE);

        Path file = dir.resolve("findings.json");
        ReviewJson.writeFindings(findings, file);
        Findings back = ReviewJson.readFindings(file, null);
        assertThat(back.texts()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(2);
            assertThat(t.points()).hasSize(36);
            assertThat(t.points().get(0).detection().box()).isEqualTo(PLATE);
        });
        String before = Files.readString(file).replaceAll(",\"textCamera\":\\{[^}]*\\},\"texts\":\\[.*\\]\\}$", "}");
        assertThat(before).doesNotContain("texts").doesNotContain("textCamera");
        Files.writeString(file, before);
        Findings faces = ReviewJson.readFindings(file, null);
        assertThat(faces.texts()).isEmpty();
        assertThat(faces.tracks()).hasSize(1);
    }

    /** Text seen where a face was lost is not offered as that face found again: the two never merge. */
    @Test
    void triageSuggestsNoMergeOfFaceAndText() {
        Findings face = ReviewFixture.findings(new ReviewFixture.Run(1, 0, 30, 300, 300, 40, 0.9));
        List<TrackPoint> points = new ArrayList<>();
        for (int f = 33; f <= 45; f++) {
            points.add(new TrackPoint(f * FRAME, new Detection(new Box(300, 300, 40, 40), 0.9, List.of())));
        }
        List<Track> texts = List.of(new Track(2, points, 0, 0, CameraPath.STILL));
        Findings withText = new Findings(face.source(), face.video(), face.frames(), face.cuts(), face.camera(),
                face.tracks(), face.provenance(), texts);
        Findings asFaces = new Findings(face.source(), face.video(), face.frames(), face.cuts(), face.camera(),
                withText.allTracks(), face.provenance());
        Project p = new ProjectEdits(withText, "alice", CLOCK).start("sha", RedactionSettings.defaults());
        Project q = new ProjectEdits(asFaces, "alice", CLOCK).start("sha", RedactionSettings.defaults());
        assertThat(new Triage(asFaces).of(q, java.util.Map.of()).suggestions()).as("the same boxes as two faces")
                .isNotEmpty();
        assertThat(new Triage(withText).of(p, java.util.Map.of()).suggestions()).isEmpty();
    }
}
