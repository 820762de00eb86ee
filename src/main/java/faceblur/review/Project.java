package faceblur.review;

import faceblur.FaceblurException;
import faceblur.redact.RedactionSettings;

import java.util.List;
import java.util.Optional;

/**
 * A review as it is saved after every decision: the video it belongs to, the findings it starts from, the
 * tracks and people with the reviewer's decisions, how faces are hidden, and the log of every decision.
 *
 * @param version        the file format's version
 * @param source         the video
 * @param findingsSha256 the SHA-256 of the findings file the tracks refer to
 * @param redaction      style, shape and mask scale of the export
 * @param tracks         every track, deleted ones included
 * @param people         every person with at least one track
 * @param nextTrackId    the id the next new track gets
 * @param nextPersonId   the id the next new person gets
 * @param log            every decision, oldest first
 */
public record Project(int version, SourceFile source, String findingsSha256, RedactionSettings redaction,
                      List<ReviewTrack> tracks, List<Person> people, int nextTrackId, int nextPersonId,
                      List<LogEntry> log) {

    public static final int VERSION = 1;

    public Project {
        tracks = List.copyOf(tracks);
        people = List.copyOf(people);
        log = List.copyOf(log);
    }

    public ReviewTrack track(int id) {
        return findTrack(id).orElseThrow(() -> new FaceblurException("this project has no track " + id));
    }

    public Optional<ReviewTrack> findTrack(int id) {
        return tracks.stream().filter(t -> t.id() == id).findFirst();
    }

    public Person person(int id) {
        return people.stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> new FaceblurException("this project has no person " + id));
    }

    /** What person {@code id} is; a face where the person is not there (a hand-edited file). */
    public Kind kindOf(int id) {
        return people.stream().filter(p -> p.id() == id).map(Person::kind).findFirst().orElse(Kind.FACE);
    }

    /** The tracks of one person, deleted ones included. */
    public List<ReviewTrack> tracksOf(int person) {
        return tracks.stream().filter(t -> t.person() == person).toList();
    }
}
