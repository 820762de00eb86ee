package faceblur.track;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a timeline that spares kept faces hides: parts of a kept face go, other people's faces stay. */
class FaceTimelineTest {

    private static final long T = 1_000_000;
    private static final Box FACE = new Box(100, 100, 60, 80);

    private static Track still(int id, Box box, double score) {
        return new Track(id, List.of(new TrackPoint(T, new Detection(box, score, List.of()))), 0);
    }

    private static List<Integer> hiddenIds(List<Track> hidden, List<Track> kept) {
        return FaceTimeline.sparing(hidden, kept).facesAt(T).stream().map(FaceTimeline.TrackFaces::trackId).toList();
    }

    @Test
    void aWeakBoxInsideAKeptFaceIsSpared() {
        Track hand = still(2, new Box(115, 150, 30, 25), 0.2);
        assertThat(hiddenIds(List.of(hand), List.of(still(1, FACE, 0.9)))).isEmpty();
        assertThat(hiddenIds(List.of(hand), List.of())).containsExactly(2);
    }

    @Test
    void aSecondDetectionOfTheKeptFaceIsSparedHoweverSure() {
        Track duplicate = still(2, new Box(104, 96, 58, 84), 0.9);
        assertThat(hiddenIds(List.of(duplicate), List.of(still(1, FACE, 0.9)))).isEmpty();
    }

    @Test
    void anotherSureFaceOverlappingTheKeptOneStaysHidden() {
        // Two thirds inside the kept box, as a woman's face lies inside a large false detection on megamind.mp4.
        Track other = still(2, new Box(120, 130, 45, 60), 0.9);
        assertThat(hiddenIds(List.of(other), List.of(still(1, FACE, 0.9)))).containsExactly(2);
    }

    @Test
    void aWeakBoxMostlyOutsideTheKeptFaceStaysHidden() {
        Track beside = still(2, new Box(150, 100, 40, 40), 0.2);
        assertThat(hiddenIds(List.of(beside), List.of(still(1, FACE, 0.9)))).containsExactly(2);
    }
}
