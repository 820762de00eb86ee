package faceblur.review;

import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.follow.FollowedBox;
import faceblur.follow.Keyframe;
import faceblur.redact.RedactionSettings;
import faceblur.shot.Shots;
import faceblur.track.FaceTimeline;
import faceblur.track.Track;
import faceblur.track.TrackPoint;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The decisions a reviewer makes, each turning one version of a project into the next and logging who made it
 * and when. Frames are numbered from 0 as the findings list them. Bad requests (a track or person that is not
 * there, a frame outside the video) fail with a message saying which.
 */
public final class ProjectEdits {

    /** A project with a track just drawn. */
    public record Drawn(Project project, int track) {
    }

    private final Findings findings;
    private final Map<Integer, Track> found;
    private final String by;
    private final Clock clock;

    /** Edits made by {@code by} (a user name or access key), timed by {@code clock}. */
    public ProjectEdits(Findings findings, String by, Clock clock) {
        this.findings = findings;
        this.found = findings.tracksById();
        this.by = by;
        this.clock = clock;
    }

    /**
     * A new review of {@code findings}: every found track its own person (a face, or a piece of text), every
     * person hidden.
     */
    public Project start(String findingsSha256, RedactionSettings redaction) {
        List<ReviewTrack> tracks = new ArrayList<>();
        List<Person> people = new ArrayList<>();
        int id = 1;
        for (Track t : findings.tracks()) {
            id = startPerson(tracks, people, id, t, Kind.FACE);
        }
        for (Track t : findings.texts()) {
            id = startPerson(tracks, people, id, t, Kind.TEXT);
        }
        Project p = new Project(Project.VERSION, findings.source(), findingsSha256, redaction, tracks, people, id, id,
                List.of());
        return logged(p, "start", null, null, null, null, findings.tracks().size() + " faces found"
                + (findings.texts().isEmpty() ? "" : ", " + findings.texts().size() + " pieces of text")
                + ", all to be hidden");
    }

    private static int startPerson(List<ReviewTrack> tracks, List<Person> people, int id, Track t, Kind kind) {
        tracks.add(ReviewTrack.found(id, id, t.id(), t.firstMicros(), t.lastMicros(), t.extendBeforeMicros(),
                t.extendAfterMicros(), List.of()));
        people.add(new Person(id, null, Decision.BLUR, kind));
        return id + 1;
    }

    public Project decide(Project p, int person, Decision decision) {
        Person who = p.person(person);
        Project next = withPerson(p, who.withDecision(decision));
        return logged(next, decision == Decision.KEEP ? "keep visible" : "blur", person, null, null, null, null);
    }

    public Project label(Project p, int person, String label) {
        String text = label == null || label.isBlank() ? null : label.strip();
        if (text != null && text.length() > 200) {
            throw new FaceblurException("a label is at most 200 characters");
        }
        Project next = withPerson(p, p.person(person).withLabel(text));
        return logged(next, "label", person, null, null, null, text);
    }

    /**
     * The people {@code persons} become the first of them. It stays visible only when all of them were: merging
     * a hidden face into a visible person must not show it.
     */
    public Project merge(Project p, List<Integer> persons) {
        if (persons.size() < 2) {
            throw new FaceblurException("choose at least two people to merge");
        }
        Person target = p.person(persons.get(0));
        boolean allKept = true;
        for (int id : persons) {
            Person x = p.person(id);
            if (x.kind() != target.kind()) {
                // Text is hidden over its whole box, a face as a face: one person cannot be both.
                throw new FaceblurException("person " + id + " is " + describe(x.kind()) + " and person "
                        + target.id() + " is " + describe(target.kind()) + ": only faces merge with faces, and text "
                        + "with text");
            }
            allKept &= x.decision() == Decision.KEEP;
        }
        List<ReviewTrack> tracks = p.tracks().stream()
                .map(t -> persons.contains(t.person()) ? t.withPerson(target.id()) : t).toList();
        List<Person> people = new ArrayList<>();
        for (Person x : p.people()) {
            if (x.id() == target.id()) {
                people.add(x.withDecision(allKept ? Decision.KEEP : Decision.BLUR));
            } else if (!persons.contains(x.id())) {
                people.add(x);
            }
        }
        Project next = copy(p, tracks, people, p.nextTrackId(), p.nextPersonId());
        next = logged(next, "merge", target.id(), null, null, null, "people " + persons + " are one person");
        List<Integer> wasKept = persons.stream().filter(id -> p.person(id).decision() == Decision.KEEP).toList();
        if (allKept || wasKept.isEmpty()) {
            return next;
        }
        // Safety wins, but a face the reviewer chose to show is hidden now: say so in the log, where the page
        // and the report read it, rather than let the decision change unseen.
        List<Integer> hidden = persons.stream().filter(id -> !wasKept.contains(id)).toList();
        return logged(next, "blur", target.id(), null, null, null, "merged: " + (wasKept.size() == 1 ? "person "
                + wasKept.get(0) + " was" : "people " + wasKept + " were") + " kept visible, now hidden with "
                + (hidden.size() == 1 ? "person " + hidden.get(0) : "people " + hidden) + "; keep person "
                + target.id() + " to show them all");
    }

    /** Track {@code track} becomes a person of its own, hidden. */
    public Project separate(Project p, int track) {
        ReviewTrack t = p.track(track);
        if (p.tracksOf(t.person()).size() < 2) {
            throw new FaceblurException("track " + track + " is already the only track of its person");
        }
        Project next = replaceTrack(p, t, List.of(t.withPerson(p.nextPersonId())), true);
        return logged(next, "separate", next.nextPersonId() - 1, track, null, null, null);
    }

    /**
     * Track {@code track} becomes two at frame {@code frame}: the frames before stay with its person, the rest
     * become a new person, hidden (a track that wrongly followed one face onto another).
     */
    public Project split(Project p, int track, int frame) {
        ReviewTrack t = p.track(track);
        long at = findings.micros(frame);
        List<ReviewTrack> parts = new ArrayList<>();
        if (t.isDrawn()) {
            DrawnPath before = t.drawn().part(Integer.MIN_VALUE, frame - 1, true);
            DrawnPath after = t.drawn().part(frame, Integer.MAX_VALUE, false);
            requireBoth(before, after, track, frame);
            parts.add(t.withDrawn(before));
            parts.add(ReviewTrack.drawn(p.nextTrackId(), p.nextPersonId(), after));
        } else {
            // Each side keeps its mask as long as the tracker would, but not into the other side's frames: the
            // reviewer split it because those show someone else, and each part must list its own span.
            ReviewTrack before = piece(t, t.from(), at - 1, t.extendBefore(), null, Long.MIN_VALUE, at - 1);
            ReviewTrack after = piece(t, at, t.to(), null, t.extendAfter(), at, Long.MAX_VALUE);
            requireBoth(before, after, track, frame);
            parts.add(before);
            parts.add(after.withIdentity(p.nextTrackId(), p.nextPersonId()));
        }
        Project next = replaceTrack(p, t, parts, true);
        return logged(next, "split", t.person(), track, frame, null,
                "frames from " + frame + " are track " + p.nextTrackId() + ", person " + p.nextPersonId());
    }

    private static void requireBoth(Object before, Object after, int track, int frame) {
        if (before == null || after == null) {
            throw new FaceblurException("track " + track + " has no sighting on one side of frame " + frame
                    + "; split it at a frame between its first and last");
        }
    }

    public Project delete(Project p, int track) {
        ReviewTrack t = p.track(track);
        Project next = replaceTrack(p, t, List.of(t.withDeleted(true)), false);
        return logged(next, "delete", t.person(), track, null, null, null);
    }

    public Project restore(Project p, int track) {
        ReviewTrack t = p.track(track);
        Project next = replaceTrack(p, t, List.of(t.withDeleted(false)), false);
        return logged(next, "restore", t.person(), track, null, null, null);
    }

    /**
     * Track {@code track} hides nothing on frames {@code fromFrame} to {@code toFrame}: what lies on either side
     * stays, as separate tracks of the same person whose masks do not reach into those frames.
     */
    public Project deleteFrames(Project p, int track, int fromFrame, int toFrame) {
        if (toFrame < fromFrame) {
            throw new FaceblurException("frames " + fromFrame + " to " + toFrame + ": the first comes after the last");
        }
        ReviewTrack t = p.track(track);
        long from = findings.micros(fromFrame);
        long to = findings.micros(toFrame);
        List<ReviewTrack> parts = new ArrayList<>();
        int nextId = p.nextTrackId();
        if (t.isDrawn()) {
            DrawnPath before = t.drawn().part(Integer.MIN_VALUE, fromFrame - 1, true);
            DrawnPath after = t.drawn().part(toFrame + 1, Integer.MAX_VALUE, false);
            if (before != null) {
                parts.add(t.withDrawn(before));
            }
            if (after != null) {
                parts.add(before == null ? t.withDrawn(after) : ReviewTrack.drawn(nextId++, t.person(), after));
            }
        } else {
            ReviewTrack before = piece(t, t.from(), from - 1, t.extendBefore(), null, Long.MIN_VALUE, from - 1);
            ReviewTrack after = piece(t, to + 1, t.to(), null, t.extendAfter(), to + 1, Long.MAX_VALUE);
            if (before != null) {
                parts.add(before);
            }
            if (after != null) {
                parts.add(before == null ? after : after.withIdentity(nextId++, t.person()));
            }
        }
        if (parts.isEmpty()) {
            // Nothing of it is left: the track is deleted, and logged as such so that it reads as one decision
            // that Restore undoes, not as frames cut from a track that no longer shows.
            Project next = replaceTrack(p, t, List.of(t.withDeleted(true)), false);
            return logged(next, "delete", t.person(), track, null, null,
                    "frames " + fromFrame + " to " + toFrame + " cover all of it");
        }
        Project next = replaceTrack(p, t, parts, false);
        next = copy(next, next.tracks(), next.people(), nextId, next.nextPersonId());
        return logged(next, "delete frames", t.person(), track, fromFrame, toFrame, null);
    }

    /**
     * The piece of found track {@code t} with sightings from {@code from} to {@code to}, or null when it has none
     * there. An end given as null is re-computed: held as long as the tracker would, but never into another
     * shot, nor before {@code earliest} or after {@code latest} (frames cut away).
     */
    private ReviewTrack piece(ReviewTrack t, long from, long to, Long before, Long after, long earliest, long latest) {
        List<TrackPoint> points = found.get(t.detected()).points().stream()
                .filter(x -> x.micros() >= from && x.micros() <= to).toList();
        if (points.isEmpty()) {
            return null;
        }
        long first = points.get(0).micros();
        long last = points.get(points.size() - 1).micros();
        long extend = findings.provenance().tracking().extendMicros();
        Shots shots = findings.shots();
        if (before == null) {
            before = Math.min(Track.extensionBefore(first, shots.shotStart(first), extend),
                    Track.extensionBefore(first, earliest, extend));
        }
        if (after == null) {
            long nextCut = shots.nextCut(last);
            after = Math.min(Track.extensionAfter(last, nextCut == Long.MAX_VALUE ? Long.MAX_VALUE : nextCut - 1, extend),
                    Track.extensionAfter(last, latest, extend));
        }
        return ReviewTrack.found(t.id(), t.person(), t.detected(), first, last, before, after, t.adjustments());
    }

    /**
     * A face the detector missed, drawn as {@code box} on frame {@code frame}: a new track of a new, hidden
     * person, to be followed through its shot ({@link #followed}).
     */
    public Drawn draw(Project p, int frame, Box box) {
        requireInside(box);
        Findings.FrameRange shot = findings.shotOf(frame);
        DrawnPath path = new DrawnPath(List.of(new Keyframe(frame, box)),
                List.of(new FollowedBox(frame, findings.micros(frame), box)), shot.first(), shot.last(), true);
        int id = p.nextTrackId();
        List<ReviewTrack> tracks = new ArrayList<>(p.tracks());
        tracks.add(ReviewTrack.drawn(id, p.nextPersonId(), path));
        List<Person> people = new ArrayList<>(p.people());
        people.add(new Person(p.nextPersonId(), null, Decision.BLUR));
        Project next = copy(p, tracks, people, id + 1, p.nextPersonId() + 1);
        return new Drawn(logged(next, "draw", p.nextPersonId(), id, frame, frame, describe(box)), id);
    }

    /**
     * The reviewer sets the box of track {@code track} on frame {@code frame}: on a drawn face a keyframe (to be
     * followed again), on a found one a correction of its box from there on ({@link BoxAdjustment}).
     */
    public Project setBox(Project p, int track, int frame, Box box) {
        requireInside(box);
        ReviewTrack t = p.track(track);
        long at = findings.micros(frame);
        ReviewTrack changed;
        if (t.isDrawn()) {
            if (frame < t.drawn().firstFrame() || frame > t.drawn().lastFrame()) {
                throw new FaceblurException("frame " + frame + " is outside the frames track " + track + " may cover ("
                        + t.drawn().firstFrame() + " to " + t.drawn().lastFrame() + "); draw a new box there instead");
            }
            changed = t.withDrawn(t.drawn().withKeyframe(new Keyframe(frame, box), at));
        } else {
            List<Track> unadjusted = RedactionPlan.foundTrack(t, found.get(t.detected()), List.of());
            List<Box> boxes = unadjusted.isEmpty() ? List.of() : unadjusted.get(0).boxesAt(at);
            if (boxes.isEmpty()) {
                throw new FaceblurException("track " + track + " shows no mask on frame " + frame
                        + "; pick a frame where it does");
            }
            List<BoxAdjustment> list = new ArrayList<>(t.adjustments().stream().filter(a -> a.micros() != at).toList());
            list.add(BoxAdjustment.between(at, boxes.get(0), box));
            list.sort(Comparator.comparingLong(BoxAdjustment::micros));
            changed = t.withAdjustments(list);
        }
        Project next = replaceTrack(p, t, List.of(changed), false);
        // The log (and the report printed from it) names the box the export draws on that frame, which the engine's
        // size smoothing may have widened from the one drawn: then both are given.
        List<Box> served = new FaceTimeline(RedactionPlan.tracksOf(changed, found)).boxesAt(at);
        String shown = served.isEmpty() ? describe(box) : describe(served.get(0));
        String detail = shown.equals(describe(box)) ? shown : shown + " (drawn as " + describe(box) + ")";
        return logged(next, "set box", t.person(), track, frame, frame, detail);
    }

    /**
     * The follower's result for drawn track {@code track}, computed from {@code keyframes}. Ignored (the project
     * is returned as it was) when the track has changed since, so a late result never undoes a newer edit.
     */
    public Project followed(Project p, int track, List<Keyframe> keyframes, List<FollowedBox> boxes) {
        ReviewTrack t = p.findTrack(track).orElse(null);
        if (t == null || !t.isDrawn() || !t.drawn().keyframes().equals(keyframes)) {
            return p;
        }
        DrawnPath path = new DrawnPath(keyframes, boxes, t.drawn().firstFrame(), t.drawn().lastFrame(), false);
        Project next = replaceTrack(p, t, List.of(t.withDrawn(path)), false);
        return logged(next, "followed", t.person(), track, path.firstBoxFrame(), path.lastBoxFrame(),
                boxes.size() + " frames");
    }

    public Project redaction(Project p, RedactionSettings settings) {
        Project next = new Project(p.version(), p.source(), p.findingsSha256(), settings, p.tracks(), p.people(),
                p.nextTrackId(), p.nextPersonId(), p.log());
        return logged(next, "style", null, null, null, null, settings.style() + ", " + settings.shape()
                + ", mask scale " + settings.maskScale());
    }

    /** Any entry for the log, such as an export. */
    public Project note(Project p, String action, String detail) {
        return logged(p, action, null, null, null, null, detail);
    }

    private void requireInside(Box box) {
        int w = findings.video().width();
        int h = findings.video().height();
        if (!(box.width() >= 2 && box.height() >= 2) || box.clippedTo(w, h).area() < 0.5 * box.area()) {
            throw new FaceblurException("a box must be at least 2 px wide and high and mostly inside the "
                    + w + "x" + h + " picture");
        }
    }

    private static String describe(Kind kind) {
        return kind == Kind.TEXT ? "text" : "a face";
    }

    private static String describe(Box b) {
        return String.format(java.util.Locale.ROOT, "box x %.0f y %.0f, %.0fx%.0f px", b.x(), b.y(), b.width(), b.height());
    }

    private static Project withPerson(Project p, Person changed) {
        return copy(p, p.tracks(), p.people().stream().map(x -> x.id() == changed.id() ? changed : x).toList(),
                p.nextTrackId(), p.nextPersonId());
    }

    /**
     * {@code old} replaced by {@code parts} in place; a part with a person id not yet used creates that person,
     * hidden ({@code newPerson}), and people left without tracks disappear.
     */
    private static Project replaceTrack(Project p, ReviewTrack old, List<ReviewTrack> parts, boolean newPerson) {
        List<ReviewTrack> tracks = new ArrayList<>();
        for (ReviewTrack t : p.tracks()) {
            if (t.id() == old.id()) {
                tracks.addAll(parts);
            } else {
                tracks.add(t);
            }
        }
        List<Person> people = new ArrayList<>(p.people());
        int nextPerson = p.nextPersonId();
        int nextTrack = p.nextTrackId();
        Kind kind = p.kindOf(old.person());
        for (ReviewTrack part : parts) {
            nextTrack = Math.max(nextTrack, part.id() + 1);
            if (newPerson && part.person() >= nextPerson) {
                people.add(new Person(part.person(), null, Decision.BLUR, kind));
                nextPerson = part.person() + 1;
            }
        }
        people.removeIf(x -> tracks.stream().noneMatch(t -> t.person() == x.id()));
        return copy(p, tracks, people, nextTrack, nextPerson);
    }

    private static Project copy(Project p, List<ReviewTrack> tracks, List<Person> people, int nextTrack, int nextPerson) {
        return new Project(p.version(), p.source(), p.findingsSha256(), p.redaction(), tracks, people, nextTrack,
                nextPerson, p.log());
    }

    private Project logged(Project p, String action, Integer person, Integer track, Integer fromFrame,
                           Integer toFrame, String detail) {
        List<LogEntry> log = new ArrayList<>(p.log());
        log.add(new LogEntry(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString(), by, action, person, track,
                fromFrame, toFrame, detail));
        return new Project(p.version(), p.source(), p.findingsSha256(), p.redaction(), p.tracks(), p.people(),
                p.nextTrackId(), p.nextPersonId(), log);
    }
}
