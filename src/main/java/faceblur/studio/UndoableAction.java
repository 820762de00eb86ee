package faceblur.studio;

import faceblur.review.LogEntry;
import faceblur.review.Project;
import faceblur.review.ReviewTrack;

import java.util.HashMap;
import java.util.Map;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which changes of a project are a reviewer's decisions, to be undone, and how a version is gone back to. */
final class UndoableAction {

    /**
     * Changes the studio makes by itself: a drawn face's follower result belongs to the drawing (undoing the
     * drawing removes both), and an export or an undo changes no decision.
     */
    private static final Set<String> NOT_DECISIONS = Set.of("followed", "export", "start");

    private UndoableAction() {
    }

    /**
     * The action that turned {@code before} into {@code after} as the log names it ("keep visible", "merge";
     * several kinds joined by ", "), or null when it is not a decision of its own.
     */
    static String of(Project before, Project after) {
        List<LogEntry> added = after.log().subList(Math.min(before.log().size(), after.log().size()), after.log().size());
        Set<String> actions = new LinkedHashSet<>();
        for (LogEntry e : added) {
            if (!NOT_DECISIONS.contains(e.action()) && !e.action().startsWith("undo: ")
                    && !e.action().startsWith("redo: ")) {
                actions.add(e.action());
            }
        }
        if (actions.isEmpty()) {
            return null;
        }
        String action = String.join(", ", actions);
        return added.size() > 1 && actions.size() == 1 ? action + " (" + added.size() + ")" : action;
    }

    /**
     * {@code current} with the decisions of {@code version}: its tracks, people and settings, under the current log.
     * Ids never go back, so a track drawn after an undo never takes the number (and thumbnail) of one undone. A drawn
     * track the follower finished since keeps its followed boxes: its result came in after the version was saved.
     */
    static Project restore(Project current, Project version) {
        Map<Integer, ReviewTrack> now = new HashMap<>();
        current.tracks().forEach(t -> now.put(t.id(), t));
        List<ReviewTrack> tracks = version.tracks().stream().map(t -> {
            ReviewTrack c = now.get(t.id());
            boolean sameKeys = t.isDrawn() && c != null && c.isDrawn()
                    && c.drawn().keyframes().equals(t.drawn().keyframes());
            return sameKeys ? new ReviewTrack(t.id(), t.person(), null, 0, 0, 0, 0, List.of(), c.drawn(), t.deleted()) : t;
        }).toList();
        return new Project(current.version(), current.source(), current.findingsSha256(), version.redaction(),
                tracks, version.people(), Math.max(current.nextTrackId(), version.nextTrackId()),
                Math.max(current.nextPersonId(), version.nextPersonId()), current.log());
    }
}
