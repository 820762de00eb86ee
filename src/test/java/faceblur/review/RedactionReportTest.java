package faceblur.review;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.DetectorSettings;
import faceblur.engine.DetectionSchedule;
import faceblur.redact.RedactionSettings;
import faceblur.shot.CoarseMotion;
import faceblur.shot.PictureCues;
import faceblur.shot.Shots;
import faceblur.track.Observation;
import faceblur.track.Track;
import faceblur.track.Tracker;
import faceblur.track.TrackerSettings;
import faceblur.video.EncoderSettings;
import faceblur.video.Rational;
import faceblur.video.VideoInfo;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text report as a person reads it, from findings the real tracker made: two faces on screen together
 * (frames 0-40 and 10-45 of 60 at 25 fps) merged into one kept person whose label, and the name they signed
 * off with, try to forge lines of the report.
 */
class RedactionReportTest {

    private static final Clock ON_THE_SECOND = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    private static Findings twoFaces(TrackerSettings tracking, DetectionSchedule schedule) {
        List<Observation> seen = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        for (int f = 0; f < 60; f++) {
            frames.add(f * 40_000L);
            List<Detection> faces = new ArrayList<>();
            if (f <= 40) {
                faces.add(new Detection(new Box(100, 100, 40, 40), 0.9, List.of()));
            }
            if (f >= 10 && f <= 45) {
                faces.add(new Detection(new Box(400, 200, 40, 40), 0.9, List.of()));
            }
            seen.add(new Observation(f * 40_000L, faces));
        }
        List<Track> tracks = Tracker.link(seen, tracking, new PictureCues(new Shots(List.of()), CoarseMotion.UNKNOWN));
        VideoInfo info = new VideoInfo("QuickTime / MOV", "h264", 640, 480, new Rational(25, 1), new Rational(1, 25_000),
                2_400_000, 60, 0, false, new Rational(1, 1), List.of(), 0);
        return new Findings(new SourceFile("clip\nOutput:        forged.mp4", "abc", 1000), info, frames, List.of(),
                tracks.get(0).camera(), tracks, new Provenance("faceblur test", new SourceFile("model.onnx", "m", 1),
                DetectorSettings.defaults(), schedule, tracking));
    }

    private static String text(Findings findings, String label, String signer) {
        ProjectEdits edits = new ProjectEdits(findings, "alice", ON_THE_SECOND);
        Project p = edits.start("sha", RedactionSettings.defaults());
        p = edits.merge(p, p.people().stream().map(Person::id).toList());
        int person = p.people().get(0).id();
        p = edits.decide(edits.label(p, person, label), person, Decision.KEEP);
        return RedactionReport.of(findings, p, findings.source(), new SourceFile("out.mp4", "def", 900), 60,
                EncoderSettings.defaults(), "2026-12-05T10:00:01Z", "bob\r\nSigned off by: Chief", signer, "faceblur test")
                .text();
    }

    @Test
    void userTextCannotForgeALine() {
        String text = text(twoFaces(TrackerSettings.defaults(), DetectionSchedule.defaults()),
                "Ann\nDeleted (nothing hidden there):\n  none", "Sam\nSigned off by: The Chief\u202e");
        assertThat(text.lines().filter(l -> l.startsWith("Signed off by:"))).singleElement()
                .satisfies(l -> assertThat(l).contains("Sam\\nSigned off by: The Chief\\u202e"));
        assertThat(text.lines().filter(l -> l.startsWith("Deleted"))).hasSize(1);
        assertThat(text.lines().filter(l -> l.startsWith("Output:"))).hasSize(1);
        assertThat(text).contains("(Ann\\nDeleted (nothing hidden there):\\n  none)").contains("bob\\r\\nSigned off by: Chief")
                .contains("clip\\nOutput:        forged.mp4");
    }

    @Test
    void wordingIsPlainAndRangesAreNotRepeated() {
        String text = text(twoFaces(new TrackerSettings(TrackerSettings.defaults().maxGapMicros(),
                TrackerSettings.defaults().extendMicros(), 0.2, 1), new DetectionSchedule(1, 1)), "Ann", null);
        assertThat(text).doesNotContain("fewer than 1 frames").doesNotContain("frame(s)").contains("every frame,")
                .doesNotContain("left out");
        // Every time to the millisecond, even one that falls on the second.
        assertThat(text).contains("Exported:      2026-12-05T10:00:01.000Z by")
                .contains("  2026-12-05T10:00:00.000Z  alice  ");
        String kept = text.lines().filter(l -> l.startsWith("  person ")).findFirst().orElseThrow();
        assertThat(kept).as("one range for two overlapping tracks").containsOnlyOnce("frames ").contains(": frames 0-");
        assertThat(text(twoFaces(TrackerSettings.defaults(), new DetectionSchedule(2, 1)), "Ann", null))
                .contains("every 2 frames,").contains("fewer than " + TrackerSettings.defaults().minSightings() + " frames");
    }

    /** Text is counted apart from people: found, hidden, left visible, each piece with its frames. */
    @Test
    void textIsCountedApartFromPeople() throws Exception {
        Findings plain = TextReviewTest.withText(false);
        // A second piece of text, frames 60-79 (after the cut), so that one can be kept and one hidden.
        List<faceblur.track.TrackPoint> points = new ArrayList<>();
        for (int f = 60; f <= 79; f++) {
            points.add(new faceblur.track.TrackPoint(f * ReviewFixture.FRAME,
                    new Detection(new Box(50, 400, 120, 30), 0.7, List.of())));
        }
        List<Track> texts = new ArrayList<>(plain.texts());
        texts.add(new Track(3, points, 0, 0, faceblur.track.CameraPath.STILL));
        Findings findings = new Findings(plain.source(), plain.video(), plain.frames(), plain.cuts(), plain.camera(),
                plain.tracks(), plain.provenance().withText(new Provenance.Text(new SourceFile("text.onnx", "t", 2), 5)),
                texts);
        ProjectEdits edits = new ProjectEdits(findings, "alice", ON_THE_SECOND);
        Project p = edits.start("sha", RedactionSettings.defaults());
        int sign = p.tracks().stream().filter(t -> t.detected() == 3).findFirst().orElseThrow().person();
        p = edits.decide(edits.label(p, sign, "shop sign"), sign, Decision.KEEP);
        RedactionReport report = RedactionReport.of(findings, p, findings.source(), new SourceFile("out.mp4", "def", 900),
                100, EncoderSettings.defaults(), "2026-12-05T10:00:01Z", "bob", null, "faceblur test");

        assertThat(report.summary().people()).as("people are faces only").isEqualTo(1);
        assertThat(report.summary().texts()).isEqualTo(2);
        assertThat(report.summary().textHidden()).isEqualTo(1);
        assertThat(report.summary().textKeptVisible()).isEqualTo(1);
        assertThat(report.keptVisible()).as("kept people").isEmpty();
        assertThat(report.texts()).extracting(RedactionReport.TextFrames::hidden).containsExactly(true, false);
        assertThat(report.texts().get(0).frames()).singleElement()
                .satisfies(s -> assertThat(new int[]{s.firstFrame(), s.lastFrame()}).containsExactly(10, 45));
        assertThat(report.texts().get(1).frames()).singleElement()
                .satisfies(s -> assertThat(new int[]{s.firstFrame(), s.lastFrame()}).containsExactly(60, 79));

        com.fasterxml.jackson.databind.JsonNode json = ReviewJson.mapper().readTree(report.json());
        assertThat(json.path("summary").path("texts").asInt()).isEqualTo(2);
        assertThat(json.path("texts").get(1).path("label").asText()).isEqualTo("shop sign");
        assertThat(json.path("provenance").path("text").path("every").asInt()).isEqualTo(5);

        String text = report.text();
        assertThat(text).contains("1 people: 1 hidden, 0 left visible.")
                .contains("2 pieces of text: 1 hidden, 1 left visible.")
                .contains("Text model:    text.onnx, SHA-256 t, text looked for on every 5 frames")
                .contains("  text " + sign + " (shop sign), tracks [" + sign + "], left visible: frames 60-79 (2.40-3.16 s)")
                .containsPattern("  text \\d+, tracks \\[\\d+\\], hidden: frames 10-45 \\(0.40-1.80 s\\)");
    }

    /** A report of faces only says nothing of text. */
    @Test
    void aFacesOnlyReportHasNoTextSection() {
        String text = text(twoFaces(TrackerSettings.defaults(), DetectionSchedule.defaults()), "Ann", null);
        assertThat(text).doesNotContain("pieces of text").doesNotContain("\nText:").doesNotContain("Text model");
    }
}
