package faceblur.review;

/**
 * One person as the reviewer sees them: one or more tracks (merged across shots), a decision and a label. A
 * "person" of kind {@link Kind#TEXT} is one piece of text (a plate, a sign) followed through the video.
 *
 * @param label what the reviewer calls them ("interviewee"), or null
 * @param kind  a face or text; projects saved before text was found have none, and are all faces
 */
public record Person(int id, String label, Decision decision, Kind kind) {

    public Person {
        kind = kind == null ? Kind.FACE : kind;
    }

    /** A face. */
    public Person(int id, String label, Decision decision) {
        this(id, label, decision, Kind.FACE);
    }

    public Person withDecision(Decision d) {
        return new Person(id, label, d, kind);
    }

    public Person withLabel(String text) {
        return new Person(id, text, decision, kind);
    }

    public boolean isText() {
        return kind == Kind.TEXT;
    }
}
