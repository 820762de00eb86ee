package faceblur.review;

import faceblur.redact.RedactionSettings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static faceblur.review.ReviewFixture.Run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Triage on hand-laid tracks (ids are also the people's, as a new review numbers them): a face lost for 0.4 s
 * and found again in the same place (1 then 2), a face elsewhere at the same time (3), a brief weak detection
 * (4), and a face after the cut (5).
 */
class TriageTest {

    private static final double[] SKIN = {190, 150, 120};
    private static final double[] BLUE = {40, 60, 200};

    private final Findings findings = ReviewFixture.findings(
            new Run(1, 0, 20, 100, 100, 60, 0.9),
            new Run(2, 30, 45, 104, 102, 58, 0.92),
            new Run(3, 25, 45, 500, 300, 60, 0.88),
            new Run(4, 10, 14, 300, 50, 40, 0.3),
            new Run(5, 55, 95, 400, 50, 60, 0.9));
    private final ProjectEdits edits = new ProjectEdits(findings, "alice", Clock.systemUTC());
    private final Project start = edits.start("sha", RedactionSettings.defaults());

    private static Triage.PersonFacts facts(Triage.Result r, int person) {
        return r.people().stream().filter(p -> p.person() == person).findFirst().orElseThrow();
    }

    @Test
    void factsCountEachFrameOnceAndGroupTheWeakShortOnes() {
        Triage.Result r = new Triage(findings).of(start, Map.of());
        assertThat(facts(r, 1)).satisfies(f -> {
            assertThat(f.score()).isEqualTo(0.9);
            assertThat(f.size()).isEqualTo(60);
            assertThat(f.frames()).isEqualTo(21);
            assertThat(f.firstFrame()).isZero();
            assertThat(f.seconds()).isEqualTo(0.84);
            assertThat(f.unlikely()).isFalse();
        });
        assertThat(r.people()).filteredOn(Triage.PersonFacts::unlikely).extracting(Triage.PersonFacts::person)
                .containsExactly(4);
        // Two people on the same frames, merged: their frames are counted once, not added.
        Triage.Result merged = new Triage(findings).of(edits.merge(start, List.of(3, 2)), Map.of());
        assertThat(facts(merged, 3).frames()).isEqualTo(21);
        // Deleted tracks count for nothing: a person with none left is not listed.
        Triage.Result deleted = new Triage(findings).of(edits.delete(start, 4), Map.of());
        assertThat(deleted.people()).extracting(Triage.PersonFacts::person).doesNotContain(4);
    }

    @Test
    void aFaceLostAndFoundInTheSamePlaceIsSuggestedAsOne() {
        Triage.Result r = new Triage(findings).of(start, Map.of());
        assertThat(r.suggestions()).singleElement().satisfies(s -> {
            assertThat(s.people()).containsExactly(1, 2);
            assertThat(s.likeness()).isGreaterThan(0.85);
            assertThat(s.reason()).contains("#2 starts 0.4 s after #1 ends").contains("same place");
        });
    }

    @Test
    void acrossACutOnlyTheSameColoursSuggestAMerge() {
        Map<Integer, double[]> same = Map.of(1, SKIN, 2, SKIN, 3, BLUE, 4, BLUE, 5, SKIN);
        assertThat(new Triage(findings).of(start, same).suggestions()).extracting(Triage.Suggestion::people)
                .containsExactlyInAnyOrder(List.of(1, 2), List.of(2, 5));
        assertThat(new Triage(findings).of(start, same).suggestions())
                .filteredOn(s -> s.people().equals(List.of(2, 5))).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("after a cut").contains("same colours"));
        Map<Integer, double[]> different = Map.of(1, SKIN, 2, SKIN, 3, SKIN, 4, SKIN, 5, BLUE);
        assertThat(new Triage(findings).of(start, different).suggestions()).extracting(Triage.Suggestion::people)
                .containsExactly(List.of(1, 2));
    }

    @Test
    void peopleAlreadyMergedOrAWeakTrackAreNotSuggested() {
        Project merged = edits.merge(start, List.of(1, 2));
        assertThat(new Triage(findings).of(merged, Map.of()).suggestions()).isEmpty();
        Findings weakEnd = ReviewFixture.findings(new Run(1, 0, 20, 100, 100, 60, 0.9),
                new Run(2, 30, 35, 104, 102, 58, 0.3));
        Project p = new ProjectEdits(weakEnd, "alice", Clock.systemUTC()).start("sha", RedactionSettings.defaults());
        assertThat(new Triage(weakEnd).of(p, Map.of()).suggestions()).isEmpty();
    }
}
