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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
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
 * @param texts        every piece of text found and not deleted, hidden or left visible, with its frames
 * @param drawn        faces drawn by hand
 * @param corrected    found faces whose box was corrected by hand
 * @param deleted      tracks deleted (nothing hidden there)
 * @param log          every decision, oldest first
 */
public record RedactionReport(String format, int version, String exportedAt, String exportedBy, String signedOffBy,
                              String engine, SourceFile input, SourceFile output, int frames, SourceFile model,
                              Provenance provenance, RedactionSettings redaction, Encoding encoding, Summary summary,
                              List<PersonFrames> keptVisible, List<TextFrames> texts, List<DrawnFace> drawn,
                              List<Correction> corrected,
                              List<DeletedTrack> deleted, List<LogEntry> log) {

    public record Encoding(String codec, int crf, String preset, String sourceTags) {
    }

    /**
     * @param people          faces (people), hidden or kept
     * @param texts           pieces of text, hidden or kept
     * @param textHidden      of which hidden
     * @param textKeptVisible of which left visible
     */
    public record Summary(int people, int hidden, int keptVisible, int tracksHidden, int tracksDeleted,
                          int tracksDrawn, int tracksCorrected, int texts, int textHidden, int textKeptVisible) {
    }

    /** Frames are numbered from 0; times are seconds from the first frame. */
    public record Span(int firstFrame, int lastFrame, double fromSeconds, double toSeconds) {
    }

    public record PersonFrames(int person, String label, List<Integer> tracks, List<Span> frames) {
    }

    /** One piece of text (a plate, a sign) as the reviewer decided it. */
    public record TextFrames(int person, String label, boolean hidden, List<Integer> tracks, List<Span> frames) {
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
        List<TextFrames> text = new ArrayList<>();
        int hiddenPeople = 0;
        for (Person p : project.people()) {
            List<ReviewTrack> live = project.tracksOf(p.id()).stream().filter(t -> !t.deleted()).toList();
            if (live.isEmpty()) {
                continue;
            }
            List<Integer> ids = live.stream().map(ReviewTrack::id).toList();
            if (p.isText()) {
                text.add(new TextFrames(p.id(), p.label(), p.decision() != Decision.KEEP, ids,
                        spans(findings, covering(live, found))));
            } else if (p.decision() == Decision.KEEP) {
                kept.add(new PersonFrames(p.id(), p.label(), ids, spans(findings, covering(live, found))));
            } else {
                hiddenPeople++;
            }
        }
        int textHidden = (int) text.stream().filter(TextFrames::hidden).count();
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
                        t.adjustments().stream().map(a -> findings.frameAt(a.micros())).distinct().sorted().toList()));
            }
        }
        int tracksHidden = (int) project.tracks().stream()
                .filter(t -> !t.deleted() && project.person(t.person()).decision() == Decision.BLUR).count();
        Summary summary = new Summary(hiddenPeople + kept.size(), hiddenPeople, kept.size(), tracksHidden,
                deleted.size(), drawn.size(), corrected.size(), text.size(), textHidden, text.size() - textHidden);
        return new RedactionReport("faceblur-redaction-report", 1, exportedAt, exportedBy, signedOffBy, engine, input,
                output, frames, findings.provenance().model(), findings.provenance(), project.redaction(),
                new Encoding("h264", encoding.crf(), encoding.preset(),
                        encoding.metadata() == MetadataPolicy.KEEP ? "kept" : "removed"), summary, kept, text, drawn,
                corrected, deleted, project.log());
    }

    /** One list of a person's frames: tracks that overlap would otherwise repeat ranges. */
    private static List<Track> covering(List<ReviewTrack> live, Map<Integer, Track> found) {
        List<Track> covering = new ArrayList<>();
        live.forEach(t -> covering.addAll(RedactionPlan.tracksOf(t, found)));
        return covering;
    }

    /** The frames {@code tracks} cover together, in order, each frame in one range only. */
    private static List<Span> spans(Findings findings, List<Track> tracks) {
        List<Findings.FrameRange> ranges = new ArrayList<>(findings.framesOf(tracks));
        ranges.sort(Comparator.comparingInt(Findings.FrameRange::first));
        List<Span> spans = new ArrayList<>();
        int first = -1;
        int last = -1;
        for (Findings.FrameRange r : ranges) {
            if (first >= 0 && r.first() <= last + 1) {
                last = Math.max(last, r.last());
                continue;
            }
            if (first >= 0) {
                spans.add(span(findings, first, last));
            }
            first = r.first();
            last = r.last();
        }
        if (first >= 0) {
            spans.add(span(findings, first, last));
        }
        return spans;
    }

    private static Span span(Findings findings, int first, int last) {
        return new Span(first, last, findings.micros(first) / 1e6, findings.micros(last) / 1e6);
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
        line(s, "Exported", time(exportedAt) + " by " + plain(exportedBy));
        if (signedOffBy != null) {
            line(s, "Signed off by", plain(signedOffBy));
        }
        line(s, "Engine", plain(engine));
        line(s, "Input", plain(input.name()) + ", " + input.bytes() + " bytes, SHA-256 " + input.sha256());
        line(s, "Output", plain(output.name()) + ", " + output.bytes() + " bytes, " + frames(frames) + ", SHA-256 "
                + output.sha256());
        line(s, "Face model", plain(model.name()) + ", SHA-256 " + model.sha256());
        line(s, "Detection", detection());
        if (provenance.text() != null) {
            line(s, "Text model", plain(provenance.text().model().name()) + ", SHA-256 "
                    + provenance.text().model().sha256() + ", text looked for on "
                    + (provenance.text().every() == 1 ? "every frame" : "every " + provenance.text().every() + " frames"));
        }
        line(s, "Hiding", redaction.style() + ", " + redaction.shape() + ", mask scale " + redaction.maskScale());
        line(s, "Encoding", encoding.codec() + ", crf " + encoding.crf() + ", preset " + encoding.preset()
                + "; the source's tags (place, time, device, names) " + encoding.sourceTags());
        s.append('\n');
        s.append(String.format(Locale.ROOT, "%d people: %d hidden, %d left visible. %d tracks hidden, %d deleted, "
                        + "%d drawn by hand, %d corrected by hand.%n%n", summary.people(), summary.hidden(),
                summary.keptVisible(), summary.tracksHidden(), summary.tracksDeleted(), summary.tracksDrawn(),
                summary.tracksCorrected()));
        if (provenance.text() != null || !texts.isEmpty()) {
            s.append(String.format(Locale.ROOT, "%d pieces of text: %d hidden, %d left visible.%n%n", summary.texts(),
                    summary.textHidden(), summary.textKeptVisible()));
        }
        s.append("Left visible by the reviewer:\n");
        if (keptVisible.isEmpty()) {
            s.append("  nobody\n");
        }
        for (PersonFrames p : keptVisible) {
            s.append("  person ").append(p.person()).append(p.label() == null ? "" : " (" + plain(p.label()) + ")")
                    .append(", tracks ").append(p.tracks()).append(": ").append(spanText(p.frames())).append('\n');
        }
        if (provenance.text() != null || !texts.isEmpty()) {
            s.append("\nText:\n");
            if (texts.isEmpty()) {
                s.append("  none found\n");
            }
            for (TextFrames x : texts) {
                s.append("  text ").append(x.person()).append(x.label() == null ? "" : " (" + plain(x.label()) + ")")
                        .append(", tracks ").append(x.tracks()).append(", ")
                        .append(x.hidden() ? "hidden" : "left visible").append(": ").append(spanText(x.frames()))
                        .append('\n');
            }
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
            s.append("  ").append(time(e.at())).append("  ").append(plain(e.by())).append("  ").append(plain(e.action()));
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
                s.append(": ").append(plain(e.detail()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private String detection() {
        TrackerSettings tracking = provenance.tracking();
        int every = provenance.schedule().every();
        int minSightings = tracking.minSightings();
        return String.format(Locale.ROOT, "threshold %.2f, upscale %.2f, %s, full size on every %d of those and half "
                        + "size between; faces held %.1f s before and after they are seen, gaps up to %.1f s filled%s",
                provenance.detector().threshold(), provenance.detector().upscale(),
                every == 1 ? "every frame" : "every " + every + " frames", provenance.schedule().fullEvery(),
                tracking.extendMicros() / 1e6, tracking.maxGapMicros() / 1e6, minSightings <= 1 ? ""
                        : String.format(Locale.ROOT, ", faces seen on %s with no score of %.1f left out",
                        minSightings == 2 ? "only 1 frame" : "fewer than " + minSightings + " frames",
                        TrackerSettings.SURE_SCORE));
    }

    private static String frames(int n) {
        return n == 1 ? "1 frame" : n + " frames";
    }

    /** Every time of the report to the millisecond, so that times line up and none looks cut short. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    static String time(String iso) {
        try {
            return TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException | NullPointerException e) {
            return plain(iso);
        }
    }

    /**
     * Text a person or a file named (labels, names, notes) as one line of the report: a line break, a tab or any
     * other control character is written as its escape, and so is the backslash, so that no text can forge a
     * line of the report or hide part of one.
     */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85
                            || Character.getType(c) == Character.FORMAT) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
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
