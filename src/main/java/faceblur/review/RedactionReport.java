package faceblur.review;

import com.fasterxml.jackson.databind.SerializationFeature;
import faceblur.follow.Keyframe;
import faceblur.redact.RedactionSettings;
import faceblur.track.Track;
import faceblur.track.TrackerSettings;
import faceblur.video.EncoderSettings;
import faceblur.video.MetadataPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What an export did, for whoever must account for it: which video went in and came out (SHA-256), with which
 * engine, model and settings, who was left visible, which faces were drawn or corrected by hand, what was
 * deleted, and every decision of the review with who made it and when. Written beside the output as JSON, for
 * programs, and as text, for people.
 *
 * @param exportedAt   when the export finished (ISO-8601, UTC)
 * @param exportedBy   who ran it: the signed-in access key, or the local user
 * @param signedOffBy  the name the reviewer signed with, or null
 * @param engine       faceblur's version
 * @param input        the video reviewed
 * @param output       the video written
 * @param frames       frames written
 * @param model        the face model that found the faces
 * @param provenance   how they were found
 * @param redaction    how faces were hidden
 * @param encoding     how the output was encoded, and whether the source's tags were removed
 * @param summary      counts
 * @param keptVisible  the people left visible, with their frames
 * @param drawn        faces drawn by hand
 * @param corrected    found faces whose box was corrected by hand
 * @param deleted      tracks deleted (nothing hidden there)
 * @param log          every decision, oldest first
 */
public record RedactionReport(String format, int version, String exportedAt, String exportedBy, String signedOffBy,
                              String engine, SourceFile input, SourceFile output, int frames, SourceFile model,
                              Provenance provenance, RedactionSettings redaction, Encoding encoding, Summary summary,
                              List<PersonFrames> keptVisible, List<DrawnFace> drawn, List<Correction> corrected,
                              List<DeletedTrack> deleted, List<LogEntry> log) {

    public record Encoding(String codec, int crf, String preset, String sourceTags) {
    }

    public record Summary(int people, int hidden, int keptVisible, int tracksHidden, int tracksDeleted,
                          int tracksDrawn, int tracksCorrected) {
    }

    /** Frames are numbered from 0; times are seconds from the first frame. */
    public record Span(int firstFrame, int lastFrame, double fromSeconds, double toSeconds) {
    }

    public record PersonFrames(int person, String label, List<Integer> tracks, List<Span> frames) {
    }

    public record DrawnFace(int track, int person, boolean hidden, List<Integer> keyframes, List<Span> frames) {
    }

    public record Correction(int track, int person, List<Integer> frames) {
    }

    public record DeletedTrack(int track, int person, List<Span> frames) {
    }

    static RedactionReport of(Findings findings, Project project, SourceFile input,
                              SourceFile output, int frames, EncoderSettings encoding, String exportedAt,
                              String exportedBy, String signedOffBy, String engine) {
        Map<Integer, Track> found = findings.tracksById();
        List<PersonFrames> kept = new ArrayList<>();
        int hiddenPeople = 0;
        for (Person p : project.people()) {
            List<ReviewTrack> live = project.tracksOf(p.id()).stream().filter(t -> !t.deleted()).toList();
            if (live.isEmpty()) {
                continue;
            }
            if (p.decision() == Decision.KEEP) {
                List<Span> spans = new ArrayList<>();
                live.forEach(t -> spans.addAll(spans(findings, RedactionPlan.tracksOf(t, found))));
                kept.add(new PersonFrames(p.id(), p.label(), live.stream().map(ReviewTrack::id).toList(), spans));
            } else {
                hiddenPeople++;
            }
        }
        List<DrawnFace> drawn = new ArrayList<>();
        List<Correction> corrected = new ArrayList<>();
        List<DeletedTrack> deleted = new ArrayList<>();
        for (ReviewTrack t : project.tracks()) {
            List<Span> spans = spans(findings, RedactionPlan.tracksOf(t, found));
            if (t.deleted()) {
                deleted.add(new DeletedTrack(t.id(), t.person(), spans));
            } else if (t.isDrawn()) {
                drawn.add(new DrawnFace(t.id(), t.person(), project.person(t.person()).decision() == Decision.BLUR,
                        t.drawn().keyframes().stream().map(Keyframe::frame).toList(), spans));
            } else if (!t.adjustments().isEmpty()) {
                corrected.add(new Correction(t.id(), t.person(),
                        t.adjustments().stream().map(a -> findings.frameAt(a.micros())).toList()));
            }
        }
        int tracksHidden = (int) project.tracks().stream()
                .filter(t -> !t.deleted() && project.person(t.person()).decision() == Decision.BLUR).count();
        Summary summary = new Summary(hiddenPeople + kept.size(), hiddenPeople, kept.size(), tracksHidden,
                deleted.size(), drawn.size(), corrected.size());
        return new RedactionReport("faceblur-redaction-report", 1, exportedAt, exportedBy, signedOffBy, engine, input,
                output, frames, findings.provenance().model(), findings.provenance(), project.redaction(),
                new Encoding("h264", encoding.crf(), encoding.preset(),
                        encoding.metadata() == MetadataPolicy.KEEP ? "kept" : "removed"), summary, kept, drawn, corrected, deleted,
                project.log());
    }

    /** The frames each of {@code tracks} covers. */
    private static List<Span> spans(Findings findings, List<Track> tracks) {
        return findings.framesOf(tracks).stream().map(r -> new Span(r.first(), r.last(),
                findings.micros(r.first()) / 1e6, findings.micros(r.last()) / 1e6)).toList();
    }

    public byte[] json() {
        try {
            return ReviewJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as a person reads it. */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append("faceblur redaction report\n=========================\n\n");
        line(s, "Exported", exportedAt + " by " + exportedBy);
        if (signedOffBy != null) {
            line(s, "Signed off by", signedOffBy);
        }
        line(s, "Engine", engine);
        line(s, "Input", input.name() + ", " + input.bytes() + " bytes, SHA-256 " + input.sha256());
        line(s, "Output", output.name() + ", " + output.bytes() + " bytes, " + frames + " frames, SHA-256 "
                + output.sha256());
        line(s, "Face model", model.name() + ", SHA-256 " + model.sha256());
        line(s, "Detection", String.format(Locale.ROOT, "threshold %.2f, upscale %.2f, every %d frame(s), full "
                        + "size on every %d of those and half size between; faces held %.1f s before and after "
                        + "they are seen, gaps up to %.1f s filled, faces seen on fewer than %d frames with no "
                        + "score of %.1f left out",
                provenance.detector().threshold(), provenance.detector().upscale(), provenance.schedule().every(),
                provenance.schedule().fullEvery(), provenance.tracking().extendMicros() / 1e6,
                provenance.tracking().maxGapMicros() / 1e6, provenance.tracking().minSightings(),
                TrackerSettings.SURE_SCORE));
        line(s, "Hiding", redaction.style() + ", " + redaction.shape() + ", mask scale " + redaction.maskScale());
        line(s, "Encoding", encoding.codec() + ", crf " + encoding.crf() + ", preset " + encoding.preset()
                + "; the source's tags (place, time, device, names) " + encoding.sourceTags());
        s.append('\n');
        s.append(String.format(Locale.ROOT, "%d people: %d hidden, %d left visible. %d tracks hidden, %d deleted, "
                        + "%d drawn by hand, %d corrected by hand.%n%n", summary.people(), summary.hidden(),
                summary.keptVisible(), summary.tracksHidden(), summary.tracksDeleted(), summary.tracksDrawn(),
                summary.tracksCorrected()));
        s.append("Left visible by the reviewer:\n");
        if (keptVisible.isEmpty()) {
            s.append("  nobody\n");
        }
        for (PersonFrames p : keptVisible) {
            s.append("  person ").append(p.person()).append(p.label() == null ? "" : " (" + p.label() + ")")
                    .append(", tracks ").append(p.tracks()).append(": ").append(spanText(p.frames())).append('\n');
        }
        s.append("\nDrawn by hand:\n");
        if (drawn.isEmpty()) {
            s.append("  none\n");
        }
        for (DrawnFace d : drawn) {
            s.append("  track ").append(d.track()).append(" (person ").append(d.person()).append(", ")
                    .append(d.hidden() ? "hidden" : "left visible").append("), keyframes on frames ")
                    .append(d.keyframes()).append(": ").append(spanText(d.frames())).append('\n');
        }
        s.append("\nCorrected by hand:\n");
        if (corrected.isEmpty()) {
            s.append("  none\n");
        }
        for (Correction c : corrected) {
            s.append("  track ").append(c.track()).append(" (person ").append(c.person()).append("), box set on frames ")
                    .append(c.frames()).append('\n');
        }
        s.append("\nDeleted (nothing hidden there):\n");
        if (deleted.isEmpty()) {
            s.append("  none\n");
        }
        for (DeletedTrack d : deleted) {
            s.append("  track ").append(d.track()).append(" (person ").append(d.person()).append("): ")
                    .append(spanText(d.frames())).append('\n');
        }
        s.append("\nDecisions, oldest first:\n");
        for (LogEntry e : log) {
            s.append("  ").append(e.at()).append("  ").append(e.by()).append("  ").append(e.action());
            if (e.person() != null) {
                s.append(", person ").append(e.person());
            }
            if (e.track() != null) {
                s.append(", track ").append(e.track());
            }
            if (e.fromFrame() != null) {
                s.append(Objects.equals(e.fromFrame(), e.toFrame()) ? ", frame " + e.fromFrame()
                        : ", frames " + e.fromFrame() + "-" + e.toFrame());
            }
            if (e.detail() != null) {
                s.append(": ").append(e.detail());
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append(String.format(Locale.ROOT, "%-14s %s%n", name + ":", value));
    }

    private static String spanText(List<Span> spans) {
        if (spans.isEmpty()) {
            return "no frames";
        }
        List<String> parts = new ArrayList<>();
        for (Span x : spans) {
            parts.add(String.format(Locale.ROOT, "frames %d-%d (%.2f-%.2f s)", x.firstFrame(), x.lastFrame(),
                    x.fromSeconds(), x.toSeconds()));
        }
        return String.join(", ", parts);
    }
}
