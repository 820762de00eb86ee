package faceblur.review;

/**
 * One person as the reviewer sees them: one or more tracks (merged across shots), a decision and a label.
 *
 * @param label what the reviewer calls them ("interviewee"), or null
 */
public record Person(int id, String label, Decision decision) {

    public Person withDecision(Decision d) {
        return new Person(id, label, d);
    }

    public Person withLabel(String text) {
        return new Person(id, text, decision);
    }
}
