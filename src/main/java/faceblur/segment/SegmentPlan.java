package faceblur.segment;

import faceblur.FaceblurException;
import faceblur.video.Segment;
import faceblur.video.VideoPackets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Where to cut a video into segments that can be analysed and rendered apart: at keyframes, about every {@code target}. */
public final class SegmentPlan {

    private SegmentPlan() {
    }

    /**
     * Segments of about {@code target} each, cut at the keyframe nearest to every multiple of {@code target}.
     * Reads the video's packets without decoding them. A video with one keyframe is one segment.
     */
    public static List<Segment> plan(Path input, Duration target) {
        long step = target.toNanos() / 1000;
        if (step <= 0) {
            throw new FaceblurException("segment length must be positive, got " + target);
        }
        List<VideoPackets.Packet> packets = VideoPackets.scan(input);
        if (packets.isEmpty()) {
            throw new FaceblurException(input + ": has no video frames");
        }
        List<Long> keyframes = packets.stream().filter(VideoPackets.Packet::keyframe).map(VideoPackets.Packet::micros).toList();
        long last = packets.get(packets.size() - 1).micros();
        List<Long> cuts = new ArrayList<>();
        for (long wanted = step; wanted <= last; wanted += step) {
            long cut = nearest(keyframes, wanted);
            long previous = cuts.isEmpty() ? 0 : cuts.get(cuts.size() - 1);
            if (cut > previous) {
                cuts.add(cut);
            }
        }
        List<Segment> segments = new ArrayList<>(cuts.size() + 1);
        long start = 0;
        for (long cut : cuts) {
            segments.add(new Segment(segments.size(), start, cut));
            start = cut;
        }
        segments.add(new Segment(segments.size(), start, Long.MAX_VALUE));
        return segments;
    }

    private static long nearest(List<Long> keyframes, long micros) {
        long best = 0;
        for (long k : keyframes) {
            if (Math.abs(k - micros) < Math.abs(best - micros)) {
                best = k;
            }
        }
        return best;
    }
}
