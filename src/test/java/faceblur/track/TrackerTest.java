package faceblur.track;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.shot.CoarseMotion;
import faceblur.shot.PictureCues;
import faceblur.shot.Shots;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrackerTest {

    private static final TrackerSettings SETTINGS = new TrackerSettings(1_000_000, 500_000, 0.2);

    private static Observation at(long micros, Box... boxes) {
        return new Observation(micros, java.util.Arrays.stream(boxes).map(b -> new Detection(b, 0.9, List.of())).toList());
    }

    @Test
    void aMovingFaceIsOneTrackInterpolatedBetweenSightings() {
        List<Track> tracks = Tracker.link(List.of(
                at(0, new Box(0, 0, 20, 20)),
                at(100_000, new Box(10, 0, 20, 20)),
                at(400_000, new Box(40, 0, 20, 20))), SETTINGS);
        assertThat(tracks).hasSize(1);
        Box middle = tracks.get(0).boxesAt(250_000).get(0);
        assertThat(middle.x()).isCloseTo(25, within(1e-9));
    }

    @Test
    void twoFacesStayApart() {
        List<Track> tracks = Tracker.link(List.of(
                at(0, new Box(0, 0, 20, 20), new Box(200, 0, 20, 20)),
                at(40_000, new Box(202, 0, 20, 20), new Box(2, 0, 20, 20))), SETTINGS);
        assertThat(tracks).hasSize(2);
        assertThat(tracks).allSatisfy(t -> assertThat(t.points()).hasSize(2));
        assertThat(tracks.get(0).boxesAt(40_000).get(0).x()).isIn(2.0, 202.0);
        assertThat(Math.abs(tracks.get(0).boxesAt(40_000).get(0).x() - tracks.get(0).boxesAt(0).get(0).x()))
                .isEqualTo(2.0);
    }

    @Test
    void aLongGapStartsANewTrack() {
        List<Track> tracks = Tracker.link(List.of(
                at(0, new Box(0, 0, 20, 20)),
                at(1_500_000, new Box(0, 0, 20, 20))), SETTINGS);
        assertThat(tracks).hasSize(2);
        assertThat(tracks.get(0).boxesAt(750_000)).isEmpty();
    }

    @Test
    void tracksReachBeforeAndAfterAlongTheirMotion() {
        Track track = Tracker.link(List.of(
                at(1_000_000, new Box(100, 0, 20, 20)),
                at(1_100_000, new Box(110, 0, 20, 20))), SETTINGS).get(0);
        assertThat(track.boxesAt(400_000)).isEmpty();
        // Held at x=100, and carried back along the motion to x=60: two boxes, not one band between them.
        assertThat(track.boxesAt(600_000)).containsExactly(new Box(100, 0, 20, 20), new Box(60, 0, 20, 20));
        assertThat(track.boxesAt(1_600_000)).containsExactly(new Box(110, 0, 20, 20), new Box(160, 0, 20, 20));
        assertThat(track.boxesAt(1_700_000)).isEmpty();
        assertThat(track.boxesAt(1_600_000 + Track.TOLERANCE_MICROS + 1)).isEmpty();
    }

    /** One frame's jitter at the end is not multiplied into the motion carried on. */
    @Test
    void motionBeyondTheEndIsMeasuredOverSeveralSightings() {
        Track track = Tracker.link(List.of(
                at(0, new Box(0, 0, 20, 20)),
                at(100_000, new Box(10, 0, 20, 20)),
                at(200_000, new Box(20, 0, 20, 20)),
                at(233_000, new Box(29, 0, 20, 20))), SETTINGS).get(0);
        Box carried = track.boxesAt(733_000).get(1);
        // 29 px over 0.233 s, not 9 px over 0.033 s, carried for 0.5 s.
        assertThat(carried.x()).isCloseTo(29 + 29.0 / 0.233 * 0.5, within(0.01));
    }

    /**
     * A whip pan: the camera swings 150 px a frame one way, then 120 px back, further each frame than the faces
     * are wide. Each of the crowd's faces stays one track, and a face missed on two frames of the swing is
     * hidden where the camera took it, not on the straight line between its sightings.
     */
    @Test
    void aCrowdInAWhipPanStaysOneTrackPerFace() {
        double[] pan = {0, 0, -150, -300, -450, -330, -210, -90, -90};
        List<Observation> observations = new java.util.ArrayList<>();
        for (int f = 0; f < pan.length; f++) {
            List<Box> faces = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                if (i == 0 && (f == 4 || f == 5)) {
                    continue; // missed at the turn
                }
                faces.add(new Box(600 + i * 70 + pan[f], 300 + (i % 2) * 50, 30, 36));
            }
            observations.add(at(f * 33_000L, faces.toArray(Box[]::new)));
        }
        List<Track> tracks = Tracker.link(observations, SETTINGS);
        assertThat(tracks).hasSize(8);
        Track first = tracks.stream().filter(t -> t.points().get(0).detection().box().x() == 600).findFirst().orElseThrow();
        assertThat(first.points()).hasSize(pan.length - 2);
        // At frame 5 the camera had it at x = 600 - 330; a straight line from frame 3 to 6 says 600 - 300 - 60 = 240.
        assertThat(first.boxesAt(5 * 33_000L).get(0).x()).isCloseTo(270, within(2.0));
    }

    @Test
    void timelineAnswersInOrderWithSmoothedSizes() {
        List<Track> tracks = Tracker.link(List.of(
                at(0, new Box(0, 0, 20, 20)),
                at(100_000, new Box(0, 0, 30, 30)),
                at(200_000, new Box(0, 0, 20, 20))), SETTINGS);
        FaceTimeline timeline = new FaceTimeline(tracks);
        assertThat(timeline.boxesAt(0)).singleElement().satisfies(b -> assertThat(b.width()).isEqualTo(30));
        assertThat(timeline.boxesAt(200_000)).singleElement().satisfies(b -> assertThat(b.width()).isEqualTo(30));
        assertThat(timeline.boxesAt(800_000)).isEmpty();
    }

    @Test
    void aCutEndsEveryTrackAndNoTrackReachesAcrossIt() {
        List<Observation> observations = List.of(
                at(0, new Box(100, 100, 40, 40)),
                at(40_000, new Box(100, 100, 40, 40)),
                at(80_000, new Box(102, 100, 40, 40)),
                at(120_000, new Box(102, 100, 40, 40)));
        assertThat(Tracker.link(observations, SETTINGS)).as("one shot").hasSize(1);

        List<Track> tracks = Tracker.link(observations, SETTINGS,
                new PictureCues(new Shots(List.of(80_000L)), CoarseMotion.UNKNOWN));
        assertThat(tracks).as("split at the cut").hasSize(2);
        Track before = tracks.get(0);
        Track after = tracks.get(1);
        assertThat(before.lastMicros()).isEqualTo(40_000);
        assertThat(after.firstMicros()).isEqualTo(80_000);
        // The extension (0.5 s) stops short of the cut on one side and at it on the other.
        assertThat(before.boxesAt(79_000)).isNotEmpty();
        assertThat(before.covers(80_000)).isFalse();
        // (Sightings are matched within 1 ms, for times rounded to whole milliseconds; frames are further apart.)
        assertThat(after.covers(78_000)).isFalse();
        assertThat(after.boxesAt(80_000)).isNotEmpty();
        assertThat(before.boxesAt(-400_000)).as("the first shot's start is not clipped").isNotEmpty();
        assertThat(after.boxesAt(600_000)).as("nor the last shot's end").isNotEmpty();
    }

    @Test
    void shotsAnswerWhichShotATimeIsIn() {
        Shots shots = new Shots(List.of(500L, 100L));
        assertThat(shots.cutMicros()).containsExactly(100L, 500L);
        assertThat(shots.shotStart(99)).isEqualTo(Long.MIN_VALUE);
        assertThat(shots.shotStart(100)).isEqualTo(100);
        assertThat(shots.shotStart(499)).isEqualTo(100);
        assertThat(shots.nextCut(100)).isEqualTo(500);
        assertThat(shots.nextCut(500)).isEqualTo(Long.MAX_VALUE);
        assertThat(shots.cutBetween(99, 100)).isTrue();
        assertThat(shots.cutBetween(100, 499)).isFalse();
        assertThat(Shots.ONE.cutBetween(Long.MIN_VALUE, Long.MAX_VALUE)).isFalse();
    }

    private static Observation scored(long micros, double score, Box box) {
        return new Observation(micros, List.of(new Detection(box, score, List.of())));
    }

    @Test
    void briefWeakTracksAreDroppedButBriefSureOnesLongWeakOnesAndSmallOnesKept() {
        TrackerSettings dropping = new TrackerSettings(1_000_000, 500_000, 0.2, 3);
        List<Observation> observations = List.of(
                // weak and brief: two sightings at 0.2 of something 50 px high (a hand, a bag)
                scored(0, 0.2, new Box(0, 0, 50, 50)), scored(40_000, 0.2, new Box(0, 0, 50, 50)),
                // sure but brief: one sighting at 0.6
                scored(0, 0.6, new Box(300, 0, 50, 50)),
                // weak but seen three times
                scored(0, 0.2, new Box(600, 0, 50, 50)), scored(40_000, 0.2, new Box(600, 0, 50, 50)),
                scored(80_000, 0.2, new Box(600, 0, 50, 50)),
                // weak and brief, but small: a face far away, found on a frame here and there
                scored(0, 0.2, new Box(900, 0, 24, 30)));
        List<Track> kept = Tracker.link(observations, dropping);
        assertThat(kept).extracting(t -> t.points().get(0).detection().box().x())
                .containsExactlyInAnyOrder(300.0, 600.0, 900.0);
        assertThat(kept).extracting(Track::id).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(Tracker.link(observations, SETTINGS)).hasSize(4);
    }

    @Test
    void aCrowdLinksEachFaceToItsOwnTrack() {
        // 400 faces scattered over a 1280x720 picture, drifting 2 px a frame, listed in a different order on
        // every frame: each must stay one track (the tracker compares a track only with the detections near it).
        java.util.Random random = new java.util.Random(7);
        List<double[]> places = new java.util.ArrayList<>();
        while (places.size() < 400) {
            double x = random.nextDouble() * 1240;
            double y = random.nextDouble() * 680;
            if (places.stream().allMatch(p -> Math.hypot(p[0] - x, p[1] - y) > 30)) {
                places.add(new double[] {x, y});
            }
        }
        List<Observation> observations = new java.util.ArrayList<>();
        for (int f = 0; f < 10; f++) {
            List<Detection> faces = new java.util.ArrayList<>();
            for (double[] p : places) {
                faces.add(new Detection(new Box(p[0] + 2 * f, p[1], 20, 20), 0.9, List.of()));
            }
            java.util.Collections.shuffle(faces, new java.util.Random(f));
            observations.add(new Observation(f * 40_000L, faces));
        }
        List<Track> tracks = Tracker.link(observations, SETTINGS);
        assertThat(tracks.size()).isEqualTo(400);
        long straight = tracks.stream().filter(t -> t.points().size() == 10
                && Math.abs(t.points().get(9).detection().box().x() - t.points().get(0).detection().box().x() - 18) < 1e-9
                && t.points().get(9).detection().box().y() == t.points().get(0).detection().box().y()).count();
        assertThat(straight).isEqualTo(400);
    }

    /**
     * The full- and half-size passes box one head differently on alternate frames (here the whole head and,
     * under half its height, the lower face): two tracks by the tracker's rules, one face. The weaker is folded
     * into the other, whose mask covers it.
     */
    @Test
    void aSecondDetectionOfTheSameFaceIsFoldedIntoTheFirst() {
        List<Observation> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t = i * 40_000L;
            frames.add(i % 2 == 0 ? scored(t, 0.9, new Box(100 + i, 100, 60, 70))
                    : scored(t, 0.4, new Box(118 + i, 130, 24, 28)));
        }
        List<Track> tracks = Tracker.link(frames, SETTINGS);
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0).points()).hasSize(10).allSatisfy(p -> assertThat(p.detection().confidence()).isEqualTo(0.9));
    }

    /** A sure face is never folded into a weak box around it: the weak one may be a false detection. */
    @Test
    void aSureFaceInsideAWeakBoxStaysItsOwnTrack() {
        List<Observation> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t = i * 40_000L;
            frames.add(new Observation(t, List.of(new Detection(new Box(100, 100, 120, 120), 0.3, List.of()),
                    new Detection(new Box(140, 140, 30, 36), i < 5 ? 0.9 : 0.45, List.of()))));
        }
        assertThat(Tracker.link(frames, SETTINGS)).hasSize(2);
    }
}
