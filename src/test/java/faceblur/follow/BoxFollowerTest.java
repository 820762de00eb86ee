package faceblur.follow;

import faceblur.detect.Box;
import faceblur.engine.ProgressListener;
import faceblur.testing.Gray;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Boxes followed on videos whose ground truth is known independently: patches moved along formulas by ffmpeg's
 * overlay filter, and a candle on megamind.mp4 located from ffmpeg's own decoding of each frame.
 */
class BoxFollowerTest {

    private static final BooleanSupplier NEVER = () -> false;

    /**
     * 100 frames of 960x540 at 25 fps, a keyframe every second: grey noise that changes every frame, and on it a
     * 120x120 crop of messi5.jpg (his face and shirt) with its top-left corner at {@link #moving} on frame n
     * (checked with ffmpeg on a plain background: exact on every frame). The tracker sees it at 80 px, in the
     * picture shrunk to 640x360.
     */
    private static final Path MOVING = Media.fixture("follow-moving.mp4",
            "-f", "lavfi", "-i", "color=c=0x707070:s=960x540:r=25:d=4,noise=alls=40:allf=t+u",
            "-loop", "1", "-i", Media.media("messi5.jpg").toString(),
            "-filter_complex", "[1:v]crop=100:100:190:55,scale=120:120[p];"
                    + "[0:v][p]overlay=x='40+100*t':y='200+2*trunc(40*sin(t*25/16))':shortest=1",
            "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p");

    private static Box moving(int n) {
        return new Box(40 + 4 * n, 200 + 2 * (int) (40 * Math.sin(n / 16.0)), 120, 120);
    }

    /** The same patch going right, out of the picture (wholly from frame 47 to 53), and back: {@link #exiting}. */
    private static final Path EXITING = Media.fixture("follow-exiting.mp4",
            "-f", "lavfi", "-i", "color=c=0x707070:s=960x540:r=25:d=4,noise=alls=40:allf=t+u",
            "-loop", "1", "-i", Media.media("messi5.jpg").toString(),
            "-filter_complex", "[1:v]crop=100:100:190:55,scale=120:120[p];"
                    + "[0:v][p]overlay=x='500+10*(50-abs(t*25-50))':y=200:shortest=1",
            "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p");

    private static Box exiting(int n) {
        return new Box(500 + 10 * (50 - Math.abs(n - 50)), 200, 120, 120);
    }

    /**
     * The same patch coming closer: 80 px wide on frame 0, 2 px more each frame (278 on frame 99), its centre at
     * x 300 + 2n, y 270 ({@link #zooming}; within 3 px of what ffmpeg draws on a plain background).
     */
    private static final Path ZOOMING = Media.fixture("follow-zooming.mp4",
            "-f", "lavfi", "-i", "color=c=0x707070:s=960x540:r=25:d=4,noise=alls=40:allf=t+u",
            "-loop", "1", "-i", Media.media("messi5.jpg").toString(),
            "-filter_complex", "[1:v]crop=100:100:190:55,scale=w='trunc(80+t*50)':h='trunc(80+t*50)':eval=frame[p];"
                    + "[0:v][p]overlay=x='300+t*50-overlay_w/2':y='270-overlay_h/2':shortest=1",
            "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p");

    private static Box zooming(int n) {
        int side = 80 + 2 * n;
        return new Box(300 + 2 * n - side / 2.0, 270 - side / 2.0, side, side);
    }

    @Test
    void followsForwardAndBackwardFromOneKeyframe() {
        Keyframe key = new Keyframe(50, moving(50));
        List<FollowedBox> boxes;
        try (BoxFollower follower = new BoxFollower(MOVING, frameMicros(MOVING))) {
            boxes = follower.follow(List.of(key), 0, 99, ProgressListener.NONE, NEVER);
        }
        assertThat(frames(boxes)).isEqualTo(range(0, 99));
        assertThat(boxes.get(50).box()).isEqualTo(key.box());
        assertOnTruth(boxes, BoxFollowerTest::moving);
        // Frame times are the video's own (25 fps), not positions in the list.
        assertThat(boxes.get(99).micros()).isEqualTo(99 * 40_000L);
    }

    @Test
    void betweenTwoKeyframesThePathStaysOnTheObjectAndPassesThroughBoth() {
        Keyframe a = new Keyframe(20, moving(20));
        Keyframe b = new Keyframe(80, moving(80));
        List<FollowedBox> boxes;
        try (BoxFollower follower = new BoxFollower(MOVING, frameMicros(MOVING))) {
            boxes = follower.follow(List.of(b, a), 10, 90, ProgressListener.NONE, NEVER);
        }
        assertThat(frames(boxes)).isEqualTo(range(10, 90));
        assertThat(boxAt(boxes, 20)).isEqualTo(a.box());
        assertThat(boxAt(boxes, 80)).isEqualTo(b.box());
        assertOnTruth(boxes, BoxFollowerTest::moving);
    }

    /** The box grows with a patch coming closer (3.5 times its size), and shrinks with it followed backward. */
    @Test
    void theBoxFollowsTheObjectsSize() {
        try (BoxFollower follower = new BoxFollower(ZOOMING, frameMicros(ZOOMING))) {
            for (int key : new int[]{0, 99}) {
                List<FollowedBox> boxes = follower.follow(List.of(new Keyframe(key, zooming(key))), 0, 99,
                        ProgressListener.NONE, NEVER);
                assertThat(frames(boxes)).isEqualTo(range(0, 99));
                for (FollowedBox b : boxes) {
                    Box t = zooming(b.frame());
                    assertThat(b.box().iou(t)).as("IoU on frame %d from %d: %s, truth %s", b.frame(), key, b.box(), t)
                            .isGreaterThanOrEqualTo(0.7);
                    assertThat(centreError(b.box(), t)).as("centre error on frame %d from %d", b.frame(), key)
                            .isLessThan(0.06 * t.width());
                }
            }
        }
    }

    /**
     * A second keyframe 30 px right of, 20 px above and 24 px larger than the patch: the path ends on it exactly,
     * and departs from the patch by that offset in proportion to the time gone, as the drift correction says.
     */
    @Test
    void anOffsetSecondKeyframePullsThePathLinearlyOntoIt() {
        Box offset = new Box(30, -20, 24, 24);
        Keyframe a = new Keyframe(20, moving(20));
        Keyframe b = new Keyframe(60, shift(moving(60), offset, 1));
        List<FollowedBox> corrected;
        List<FollowedBox> trackedOnly;
        try (BoxFollower follower = new BoxFollower(MOVING, frameMicros(MOVING))) {
            corrected = follower.follow(List.of(a, b), 20, 60, ProgressListener.NONE, NEVER);
            trackedOnly = follower.follow(List.of(a), 20, 60, ProgressListener.NONE, NEVER);
        }
        assertThat(frames(corrected)).isEqualTo(range(20, 60));
        assertThat(boxAt(corrected, 60)).isEqualTo(b.box());
        for (int t = 21; t < 60; t++) {
            double f = (t - 20) / 40.0;
            Box expected = shift(moving(t), offset, f);
            Box got = boxAt(corrected, t);
            assertThat(centreError(got, expected)).as("centre error on frame %d", t).isLessThan(7.0);
            assertThat(got.width()).as("width on frame %d", t).isCloseTo(expected.width(), within(12.0));
            // Exactly the tracker's path plus the share of the drift the formula gives.
            Box tracked = boxAt(trackedOnly, t);
            Box drift = difference(boxAt(trackedOnly, 60), b.box());
            assertThat(got.x()).isCloseTo(tracked.x() + drift.x() * f, within(1e-9));
            assertThat(got.y()).isCloseTo(tracked.y() + drift.y() * f, within(1e-9));
            assertThat(got.width()).isCloseTo(tracked.width() + drift.width() * f, within(1e-9));
            assertThat(got.height()).isCloseTo(tracked.height() + drift.height() * f, within(1e-9));
        }
    }

    /**
     * Forward from frame 10 the patch goes out on the right: the box covers what is left of it on every frame it
     * returns and ends before frame 47 (the patch wholly gone). Backward from frame 90, the same from the other
     * side of the gap: nothing is returned while the patch is out of the picture.
     */
    @Test
    void followingStopsWhereTheObjectLeavesThePicture() {
        List<FollowedBox> after;
        List<FollowedBox> before;
        try (BoxFollower follower = new BoxFollower(EXITING, frameMicros(EXITING))) {
            after = follower.follow(List.of(new Keyframe(10, exiting(10))), 0, 99, ProgressListener.NONE, NEVER);
            before = follower.follow(List.of(new Keyframe(90, exiting(90))), 0, 99, ProgressListener.NONE, NEVER);
        }
        assertThat(after.get(0).frame()).isEqualTo(0);
        assertThat(after.get(after.size() - 1).frame()).isBetween(40, 46);
        assertThat(before.get(0).frame()).isBetween(54, 60);
        assertThat(before.get(before.size() - 1).frame()).isEqualTo(99);
        for (List<FollowedBox> boxes : List.of(after, before)) {
            for (FollowedBox b : boxes) {
                Box visible = exiting(b.frame()).clippedTo(960, 540);
                assertThat(b.box().intersectionArea(visible)).as("cover of the patch on frame %d", b.frame())
                        .isGreaterThan(0.9 * visible.area());
                if (exiting(b.frame()).x() <= 900) {
                    assertOnTruth(List.of(b), BoxFollowerTest::exiting);
                }
            }
        }
    }

    /**
     * Keyframes on either side of the patch's trip out of the picture: every frame between gets a box, the patch
     * is found again on the way back (followed backward from the second keyframe), and the frames the tracker
     * lost it on both sides are bridged in a straight line.
     */
    @Test
    void betweenKeyframesAnObjectLostForAWhileIsFoundAgainFromTheNext() {
        Keyframe a = new Keyframe(10, exiting(10));
        Keyframe b = new Keyframe(90, exiting(90));
        List<FollowedBox> boxes;
        try (BoxFollower follower = new BoxFollower(EXITING, frameMicros(EXITING))) {
            boxes = follower.follow(List.of(a, b), 0, 99, ProgressListener.NONE, NEVER);
        }
        assertThat(frames(boxes)).isEqualTo(range(0, 99));
        assertThat(boxAt(boxes, 10)).isEqualTo(a.box());
        assertThat(boxAt(boxes, 90)).isEqualTo(b.box());
        for (FollowedBox f : boxes) {
            if (exiting(f.frame()).x() <= 900) {
                assertOnTruth(List.of(f), BoxFollowerTest::exiting);
            }
        }
        // On the frames the patch is wholly out, the box moves steadily (the bridge), never jumps.
        for (int t = 47; t < 54; t++) {
            assertThat(boxAt(boxes, t + 1).x() - boxAt(boxes, t).x()).as("step on frame %d", t).isBetween(-2.0, 2.0);
        }
    }

    /**
     * The candle on the table of megamind.mp4's first shot (frames 2 to 98; ffmpeg's scdet puts the cuts at 2 and
     * 99), under a slow camera move: on every frame the box stays on the candle as ffmpeg's pixels show it, and
     * nothing is returned outside the shot's bounds even though the candle of the next shot stands nearby.
     */
    @Test
    void aCandleOnMegamindIsFollowedThroughItsShotAndNoFurther() {
        Path video = Media.media("megamind.mp4");
        List<Candle> candles = candles(video, 2, 98);
        Candle at30 = candles.get(30 - 2);
        // By eye on frame 30 (x 441-535, rim at y 376): the candle from its rim down to y 496.
        assertThat(at30.left()).isCloseTo(441, within(2));
        assertThat(at30.rim()).isCloseTo(376, within(2));
        Keyframe key = new Keyframe(30, new Box(at30.left(), at30.rim(), at30.right() - at30.left() + 1, 120));
        List<FollowedBox> boxes;
        try (BoxFollower follower = new BoxFollower(video, frameMicros(video))) {
            long start = System.nanoTime();
            boxes = follower.follow(List.of(key), 2, 98, ProgressListener.NONE, NEVER);
            System.out.printf(Locale.ROOT, "followed a %.0fx%.0f box over %d frames of 720x528 at %.0f frames a second%n",
                    key.box().width(), key.box().height(), boxes.size(), boxes.size() / ((System.nanoTime() - start) / 1e9));
        }
        assertThat(frames(boxes)).isEqualTo(range(2, 98));
        for (FollowedBox f : boxes) {
            Candle c = candles.get(f.frame() - 2);
            double candleCentre = (c.left() + c.right() + 1) / 2.0;
            assertThat(f.box().centerX()).as("centre on frame %d", f.frame()).isCloseTo(candleCentre, within(5.0));
            assertThat(f.box().y()).as("top on frame %d", f.frame()).isCloseTo(c.rim(), within(5.0));
            assertThat(f.box().width()).as("width on frame %d", f.frame())
                    .isCloseTo(c.right() - c.left() + 1, within(10.0));
        }
        // The camera moved: a box held still would be off by this much at the end.
        assertThat((candles.get(98 - 2).left() + candles.get(98 - 2).right()) / 2.0
                - (at30.left() + at30.right()) / 2.0).isGreaterThan(8.0);
    }

    @Test
    void cancellingEndsPromptlyAndLeavesTheFollowerUsable() {
        try (BoxFollower follower = new BoxFollower(MOVING, frameMicros(MOVING))) {
            for (int keyframe : new int[]{0, 99}) {
                AtomicInteger done = new AtomicInteger();
                ProgressListener counting = new CountingProgress(done);
                BooleanSupplier afterTen = () -> done.get() >= 10;
                assertThatThrownBy(() -> follower.follow(List.of(new Keyframe(keyframe, moving(keyframe))), 0, 99,
                        counting, afterTen)).isInstanceOf(CancellationException.class);
                assertThat(done.get()).as("frames tracked once cancelled").isEqualTo(10);
            }
            // Cancelled in the middle of a backward chunk (64 frames), the follower still reads the right frames.
            List<FollowedBox> boxes = follower.follow(List.of(new Keyframe(70, moving(70))), 0, 99,
                    ProgressListener.NONE, NEVER);
            assertThat(frames(boxes)).isEqualTo(range(0, 99));
            assertOnTruth(boxes, BoxFollowerTest::moving);
        }
    }

    /**
     * Adding a keyframe between two others tracks only what it can change: here the stretch after it, since the
     * one before it is a part of a run already made. The answer is what a new follower gives.
     */
    @Test
    void anAddedKeyframeTracksOnlyTheStretchesBesideIt() {
        List<Keyframe> two = List.of(new Keyframe(20, moving(20)), new Keyframe(80, moving(80)));
        List<Keyframe> three = List.of(two.get(0), new Keyframe(50, shift(moving(50), new Box(6, 6, 0, 0), 1)), two.get(1));
        AtomicInteger done = new AtomicInteger();
        CountingProgress counting = new CountingProgress(done);
        List<FollowedBox> first;
        List<FollowedBox> second;
        try (BoxFollower follower = new BoxFollower(MOVING, frameMicros(MOVING))) {
            first = follower.follow(two, 0, 99, counting, NEVER);
            assertThat(done.get()).isEqualTo(99);
            done.set(0);
            second = follower.follow(three, 0, 99, counting, NEVER);
            assertThat(done.get()).as("frames tracked again").isEqualTo(30);
            assertThat(counting.total).isEqualTo(30);
        }
        List<FollowedBox> fresh;
        try (BoxFollower follower = new BoxFollower(MOVING, frameMicros(MOVING))) {
            fresh = follower.follow(three, 0, 99, ProgressListener.NONE, NEVER);
        }
        assertThat(second).isEqualTo(fresh);
        assertThat(second.subList(0, 21)).isEqualTo(first.subList(0, 21));
        assertThat(second.subList(80, 100)).isEqualTo(first.subList(80, 100));
        assertThat(boxAt(second, 50)).isEqualTo(three.get(1).box());
    }

    /**
     * 24 s of 640x640 (600 frames of 1.2 MB as the tracker sees them: 737 MB if all were held) followed backward
     * from the last frame to the first: the process grows by far less, as only a chunk of frames is held at once.
     */
    @Test
    void followingBackwardOverALongShotHoldsOnlyAChunkOfFrames() {
        Path still = Media.fixture("follow-still-24s.mp4", "-f", "lavfi", "-i", "color=c=0x707070:s=640x640:r=25:d=24",
                "-loop", "1", "-i", Media.media("messi5.jpg").toString(),
                "-filter_complex", "[1:v]crop=96:96:190:55[p];[0:v][p]overlay=x=272:y=272:shortest=1",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        Box patch = new Box(272, 272, 96, 96);
        List<Long> micros = frameMicros(still);
        assertThat(micros).hasSize(600);
        try (BoxFollower follower = new BoxFollower(still, micros)) {
            follower.follow(List.of(new Keyframe(599, patch)), 590, 599, ProgressListener.NONE, NEVER); // natives loaded
            long before = Pointer.physicalBytes();
            long[] peak = {before};
            AtomicInteger done = new AtomicInteger();
            ProgressListener sampling = new CountingProgress(done) {
                @Override
                public void frameDone() {
                    super.frameDone();
                    peak[0] = Math.max(peak[0], Pointer.physicalBytes());
                }
            };
            List<FollowedBox> boxes = follower.follow(List.of(new Keyframe(598, patch)), 0, 598, sampling, NEVER);
            assertThat(frames(boxes)).isEqualTo(range(0, 598));
            assertThat(boxes).allSatisfy(b -> assertThat(b.box().iou(patch)).isGreaterThan(0.8));
            long grown = peak[0] - before;
            System.out.printf(Locale.ROOT, "following backward over 598 frames of 640x640: grew by %.0f MB%n", grown / 1e6);
            assertThat(grown).as("bytes grown").isLessThan(250_000_000L);
        }
    }

    /** Where the candle of megamind.mp4 is, measured on ffmpeg's grey frames. */
    private record Candle(int left, int right, int rim) {
    }

    /**
     * For each frame: the bright run (luma over 120) that starts right of x 430 on row 470, the candle's lit body;
     * and the candle's rim, the first row from y 350 down brighter than 60, the median over columns of its right
     * half (the hand and glass pass in front of its left part).
     */
    private static List<Candle> candles(Path video, int from, int to) {
        List<Candle> candles = new ArrayList<>();
        for (Gray g : grayFrames(video, from, to)) {
            int left = 430;
            while (!(g.at(left, 470) > 120 && g.at(left + 1, 470) > 120 && g.at(left + 2, 470) > 120)) {
                left++;
            }
            int right = left;
            while (g.at(right + 1, 470) > 120 || g.at(right + 2, 470) > 120) {
                right++;
            }
            int centre = (left + right) / 2;
            List<Integer> rims = new ArrayList<>();
            for (int x = centre; x <= centre + 30; x += 5) {
                int y = 350;
                while (g.at(x, y) <= 60) {
                    y++;
                }
                rims.add(y);
            }
            rims.sort(null);
            candles.add(new Candle(left, right, rims.get(rims.size() / 2)));
        }
        return candles;
    }

    /** Frames {@code from} to {@code to} of a 720x528 video, decoded by ffmpeg, as 8-bit grey. */
    private static List<Gray> grayFrames(Path video, int from, int to) {
        Tools.Result r = Tools.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", video.toString(),
                "-vf", "select=between(n\\," + from + "\\," + to + "),format=gray", "-fps_mode", "passthrough",
                "-f", "rawvideo", "-"), null);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        int size = 720 * 528;
        assertThat(r.stdout()).hasSize(size * (to - from + 1));
        List<Gray> frames = new ArrayList<>();
        for (int i = 0; i <= to - from; i++) {
            frames.add(new Gray(720, 528, Arrays.copyOfRange(r.stdout(), i * size, (i + 1) * size)));
        }
        return frames;
    }

    /** Centre within 6 px and IoU at least 0.7 on every frame. */
    private static void assertOnTruth(List<FollowedBox> boxes, IntFunction<Box> truth) {
        for (FollowedBox b : boxes) {
            Box t = truth.apply(b.frame());
            assertThat(centreError(b.box(), t)).as("centre error on frame %d: %s, truth %s", b.frame(), b.box(), t)
                    .isLessThanOrEqualTo(6.0);
            assertThat(b.box().iou(t)).as("IoU on frame %d: %s, truth %s", b.frame(), b.box(), t).isGreaterThanOrEqualTo(0.7);
        }
    }

    private static double centreError(Box a, Box b) {
        return Math.hypot(a.centerX() - b.centerX(), a.centerY() - b.centerY());
    }

    /** {@code box} with {@code fraction} of {@code offset}'s x, y, width and height added. */
    private static Box shift(Box box, Box offset, double fraction) {
        return new Box(box.x() + offset.x() * fraction, box.y() + offset.y() * fraction,
                box.width() + offset.width() * fraction, box.height() + offset.height() * fraction);
    }

    /** What to add to {@code from}'s x, y, width and height to get {@code to}'s. */
    private static Box difference(Box from, Box to) {
        return new Box(to.x() - from.x(), to.y() - from.y(), to.width() - from.width(), to.height() - from.height());
    }

    private static Box boxAt(List<FollowedBox> boxes, int frame) {
        return boxes.stream().filter(b -> b.frame() == frame).findFirst().orElseThrow().box();
    }

    private static List<Integer> frames(List<FollowedBox> boxes) {
        return boxes.stream().map(FollowedBox::frame).toList();
    }

    private static List<Integer> range(int first, int last) {
        return IntStream.rangeClosed(first, last).boxed().toList();
    }

    /** Every frame's {@link DecodedFrame#micros()}, as the studio has them from its analysis pass. */
    static List<Long> frameMicros(Path video) {
        List<Long> micros = new ArrayList<>();
        try (VideoReader reader = VideoReader.open(video)) {
            for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
                micros.add(frame.micros());
            }
        }
        return micros;
    }

    private static class CountingProgress implements ProgressListener {
        private final AtomicInteger done;
        long total = -2;

        CountingProgress(AtomicInteger done) {
            this.done = done;
        }

        @Override
        public void begin(String task, long totalFrames) {
            assertThat(task).isEqualTo("following");
            total = totalFrames;
        }

        @Override
        public void frameDone() {
            done.incrementAndGet();
        }

        @Override
        public void end() {
        }
    }
}
