package faceblur.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import faceblur.detect.Box;
import faceblur.follow.Keyframe;
import faceblur.redact.RedactionSettings;
import faceblur.review.Findings;
import faceblur.review.Person;
import faceblur.review.Project;
import faceblur.review.RedactionPlan;
import faceblur.review.ReviewJson;
import faceblur.review.ReviewTrack;
import faceblur.track.FaceTimeline;
import faceblur.track.Track;
import faceblur.video.VideoInfo;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the studio's API answers, as JSON: a project's status, its video, its people page by page with their
 * tracks and thumbnails, and the masks of a run of frames. Frames are numbered from 0; boxes are in the
 * video's coded pixels (before any display rotation), as the engine draws them.
 */
final class StudioViews {

    /** Thumbnails shown per track. */
    private static final int THUMBS_SHOWN = 3;

    private StudioViews() {
    }

    static String json(Object value) {
        try {
            return ReviewJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param revision       the revision the latest export rendered (-1: none, or from before revisions were kept)
     * @param newerDecisions decisions made since that revision, which the export does not have
     * @param kept           every export kept, newest revision first
     */
    /**
     * @param bucketFolder where the export may also be written beside its source (s3://bucket/folder/), or null
     * @param writtenTo    where the last export was written in the bucket, or null
     */
    record ExportView(String phase, LiveProgress.Snapshot progress, String file, String error, int revision,
                      int newerDecisions, List<KeptExport> kept, String bucketFolder, String writtenTo) {
    }

    record KeptExport(int revision, String file) {
    }

    private static ExportView export(StudioProject p) {
        ExportState e = p.export();
        ExportState.Kept last = e.last();
        int revision = last == null ? -1 : last.revision();
        int newer = last == null || p.state() != StudioProject.State.READY ? 0
                : Math.max(0, ExportState.revision(p.project()) - Math.max(0, revision));
        return new ExportView(e.phase().name().toLowerCase(Locale.ROOT), e.progress(),
                last == null ? null : last.video().getFileName().toString(), e.error(), revision, newer,
                e.kept().stream().map(k -> new KeptExport(k.revision(), k.video().getFileName().toString())).toList(),
                p.bucketFolder(), e.writtenTo());
    }

    /**
     * @param path           the video's file
     * @param sequence       grows with every change of this project: the newer of two statuses has the larger
     * @param following      how far following has come, by drawn track (0-1)
     * @param followProblems why following failed, by drawn track
     */
    record Status(String id, String name, String path, long sequence, String state, LiveProgress.Snapshot progress,
                  String error, int revision, ExportView export, Map<Integer, Double> following,
                  Map<Integer, String> followProblems) {
    }

    static Status status(StudioProject p) {
        return new Status(p.id(), p.name(), p.source().toString(), p.sequence(), p.state().name().toLowerCase(Locale.ROOT),
                p.progress(), p.error(), p.revision(), export(p),
                Map.copyOf(p.following()), Map.copyOf(p.followProblems()));
    }

    /**
     * @param rotation the display rotation, degrees counter-clockwise: boxes are drawn on the coded picture
     * @param preview  whether the page plays a preview copy rather than the file itself
     */
    record VideoView(int width, int height, double rotation, int frames, double seconds, double frameRate,
                     boolean preview) {
    }

    record ProjectView(Status status, VideoView video, RedactionSettings redaction, int people, int tracks,
                       List<Integer> cuts) {
    }

    static ProjectView project(StudioProject p) {
        Findings f = p.findings();
        Project project = p.project();
        VideoInfo info = f.video();
        List<Integer> cuts = f.cuts().stream().map(f::frameAt).toList();
        double rate = info.frameRate().isValid() ? info.frameRate().toDouble() : 0;
        return new ProjectView(status(p), new VideoView(info.width(), info.height(), info.rotation(), f.frameCount(),
                f.frames().get(f.frameCount() - 1) / 1e6, rate, !p.media().equals(p.source())),
                project.redaction(), project.people().size(), project.tracks().size(), cuts);
    }

    /** Every frame's time in microseconds, by frame number. */
    record FramesView(List<Long> micros) {
    }

    record ThumbView(int frame, String file) {
    }

    /**
     * One track as the page lists it.
     *
     * @param kind      "found" or "drawn"
     * @param spans     the frames its mask covers, extensions included, one range per unbroken stretch
     * @param sightings the frames it was seen on (found) or set on (drawn), first and last
     * @param keyframes a drawn track's keyframes
     * @param corrected whether a reviewer set its box
     * @param following how far the follower has come (0-1), or null
     */
    record TrackView(int id, int person, String kind, boolean deleted, List<int[]> spans, int[] sightings,
                     List<ThumbView> thumbs, List<Integer> keyframes, boolean corrected, Double following) {
    }

    /**
     * One person as the page lists them.
     *
     * @param firstFrame the first frame any of their tracks covers (-1 when none)
     * @param frames     how many frames their live tracks cover, each counted once however many tracks cover it
     * @param deleted    whether every track of theirs is deleted
     * @param kind       "face" or "text" (a plate, a sign): the page lists text apart
     */
    record PersonView(int id, String label, String decision, int firstFrame, int lastFrame, int frames,
                      boolean deleted, List<TrackView> tracks, String kind) {
    }

    record PeopleView(int total, int offset, List<PersonView> people) {
    }

    /** The people, in order of first appearance, {@code limit} from {@code offset}; deleted ones only if asked. */
    static PeopleView people(StudioProject p, int offset, int limit, boolean deleted) {
        List<PersonView> all = p.people(deleted, () -> allPeople(p, deleted));
        int from = Math.min(Math.max(0, offset), all.size());
        int to = Math.min(all.size(), from + Math.max(1, limit));
        return new PeopleView(all.size(), from, all.subList(from, to));
    }

    /** Every person of the current version, in the order the page lists them. */
    private static List<PersonView> allPeople(StudioProject p, boolean deleted) {
        Findings f = p.findings();
        Project project = p.project();
        Map<Integer, Track> found = f.tracksById();
        Map<Integer, List<TrackView>> byPerson = new HashMap<>();
        for (ReviewTrack t : project.tracks()) {
            byPerson.computeIfAbsent(t.person(), k -> new ArrayList<>()).add(track(p, f, found, t));
        }
        List<PersonView> all = new ArrayList<>();
        for (Person person : project.people()) {
            List<TrackView> tracks = byPerson.getOrDefault(person.id(), List.of());
            boolean gone = tracks.stream().allMatch(TrackView::deleted);
            if (gone != deleted) {
                continue;
            }
            int first = tracks.stream().flatMap(t -> t.spans().stream()).mapToInt(s -> s[0]).min().orElse(-1);
            int last = tracks.stream().flatMap(t -> t.spans().stream()).mapToInt(s -> s[1]).max().orElse(-1);
            int frames = Findings.shown(tracks.stream().filter(t -> !t.deleted()).flatMap(t -> t.spans().stream())
                    .map(s -> new Findings.FrameRange(s[0], s[1])).toList()).cardinality();
            all.add(new PersonView(person.id(), person.label(), person.decision().name().toLowerCase(Locale.ROOT),
                    first, last, frames, gone, tracks, person.kind().name().toLowerCase(Locale.ROOT)));
        }
        all.sort(Comparator.comparingInt((PersonView v) -> v.firstFrame() < 0 ? Integer.MAX_VALUE : v.firstFrame())
                .thenComparingInt(PersonView::id));
        return List.copyOf(all);
    }

    private static TrackView track(StudioProject p, Findings f, Map<Integer, Track> found, ReviewTrack t) {
        List<int[]> spans = f.framesOf(RedactionPlan.tracksOf(t, found)).stream()
                .map(r -> new int[]{r.first(), r.last()}).toList();
        Double following = p.following().get(t.id());
        if (t.isDrawn()) {
            List<ThumbView> thumbs = Files.exists(p.thumbsDir().resolve(drawnThumb(t.id())))
                    ? List.of(new ThumbView(t.drawn().keyframes().get(0).frame(), drawnThumb(t.id()))) : List.of();
            return new TrackView(t.id(), t.person(), "drawn", t.deleted(), spans,
                    new int[]{t.drawn().firstBoxFrame(), t.drawn().lastBoxFrame()}, thumbs,
                    t.drawn().keyframes().stream().map(Keyframe::frame).toList(), false,
                    following);
        }
        int firstSeen = f.frameAt(t.from());
        int lastSeen = f.frameAt(t.to());
        List<ThumbView> thumbs = TrackThumbnails.shown(p.thumbs().getOrDefault(t.detected(), List.of()), firstSeen,
                lastSeen, THUMBS_SHOWN).stream().map(x -> new ThumbView(x.frame(), x.file())).toList();
        return new TrackView(t.id(), t.person(), "found", t.deleted(), spans, new int[]{firstSeen, lastSeen}, thumbs,
                List.of(), !t.adjustments().isEmpty(), null);
    }

    static String drawnThumb(int track) {
        return "d" + track + ".jpg";
    }

    /**
     * The masks of frames {@code from} to {@code from + count - 1}: for each frame, one entry per box,
     * {@code [track, person, hidden (1) or visible (0), x, y, width, height]}.
     */
    record MasksView(int from, List<List<double[]>> frames) {
    }

    static MasksView masks(StudioProject p, int from, int count) {
        Findings f = p.findings();
        RedactionPlan plan = p.plan();
        Map<Integer, Integer> personOf = new HashMap<>();
        p.project().tracks().forEach(t -> personOf.put(t.id(), t.person()));
        int start = Math.max(0, from);
        int end = Math.min(f.frameCount(), start + Math.max(0, count));
        List<List<double[]>> frames = new ArrayList<>(end - start);
        for (int frame = start; frame < end; frame++) {
            long micros = f.micros(frame);
            List<double[]> boxes = new ArrayList<>();
            add(boxes, plan.hiddenAt(micros), personOf, 1);
            add(boxes, plan.visibleAt(micros), personOf, 0);
            frames.add(boxes);
        }
        return new MasksView(start, frames);
    }

    private static void add(List<double[]> out, List<FaceTimeline.TrackFaces> faces, Map<Integer, Integer> personOf,
                            int hidden) {
        for (FaceTimeline.TrackFaces face : faces) {
            for (Box b : face.boxes()) {
                out.add(new double[]{face.trackId(), personOf.getOrDefault(face.trackId(), 0), hidden,
                        round(b.x()), round(b.y()), round(b.width()), round(b.height())});
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
