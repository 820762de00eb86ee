package faceblur.review;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.DetectorSettings;
import faceblur.engine.DetectionSchedule;
import faceblur.track.CameraPath;
import faceblur.track.Track;
import faceblur.track.TrackPoint;
import faceblur.track.TrackerSettings;
import faceblur.video.Rational;
import faceblur.video.VideoInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Findings with tracks laid out by hand, for tests of what is built on them: 100 frames at 25 fps with a cut at
 * frame 50, each track a square face held still, seen on every frame of its run, its mask not held beyond it.
 */
public final class ReviewFixture {

    public static final long FRAME = 40_000;
    public static final int CUT = 50;

    /** One found track: frames {@code first} to {@code last}, a {@code size} px square at x, y, scored {@code score}. */
    public record Run(int id, int first, int last, double x, double y, double size, double score) {
    }

    private ReviewFixture() {
    }

    public static Findings findings(Run... runs) {
        List<Long> frames = new ArrayList<>();
        for (int f = 0; f < 100; f++) {
            frames.add(f * FRAME);
        }
        List<Track> tracks = new ArrayList<>();
        for (Run r : runs) {
            List<TrackPoint> points = new ArrayList<>();
            for (int f = r.first(); f <= r.last(); f++) {
                points.add(new TrackPoint(f * FRAME, new Detection(new Box(r.x(), r.y(), r.size(), r.size()),
                        r.score(), List.of())));
            }
            tracks.add(new Track(r.id(), points, 0, 0, CameraPath.STILL));
        }
        VideoInfo info = new VideoInfo("QuickTime / MOV", "h264", 640, 480, new Rational(25, 1),
                new Rational(1, 25_000), 4_000_000, 100, 0, false, new Rational(1, 1), List.of(), 0);
        Provenance provenance = new Provenance("faceblur test", new SourceFile("model.onnx", "m", 1),
                DetectorSettings.defaults(), DetectionSchedule.defaults(), TrackerSettings.defaults());
        return new Findings(new SourceFile("clip.mp4", "abc", 1000), info, frames, List.of(CUT * FRAME),
                CameraPath.STILL, tracks, provenance);
    }
}
