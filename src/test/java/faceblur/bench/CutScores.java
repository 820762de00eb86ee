package faceblur.bench;

import faceblur.shot.ShotCut;
import faceblur.shot.Thumbnail;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Prints, for each video, the frames whose change from the frame before scores highest ({@link ShotCut#change})
 * and which of them count as cuts: how far the cut threshold sits from the cuts and from the busiest moments
 * within shots. Usage: {@code CutScores VIDEO...}
 */
public final class CutScores {

    private static final int SHOWN = 6;

    private CutScores() {
    }

    private record Score(int frame, double change) {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            List<Score> scores = new ArrayList<>();
            long started = System.nanoTime();
            int frames = 0;
            try (VideoReader reader = VideoReader.open(Path.of(arg))) {
                Thumbnail previous = null;
                for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
                    Thumbnail t = Thumbnail.of(frame);
                    if (previous != null) {
                        scores.add(new Score(frame.index(), ShotCut.change(previous, t)));
                    }
                    previous = t;
                    frames++;
                }
            }
            double ms = (System.nanoTime() - started) / 1e6 / Math.max(1, frames);
            List<Score> cuts = scores.stream().filter(s -> s.change() >= ShotCut.THRESHOLD).toList();
            scores.sort(Comparator.comparingDouble(Score::change).reversed());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %d frames, %.2f ms a frame (decoding included); cuts at %s; highest:",
                    Path.of(arg).getFileName(), frames, ms, cuts.stream().map(Score::frame).toList()));
            for (Score s : scores.subList(0, Math.min(SHOWN, scores.size()))) {
                line.append(String.format(Locale.ROOT, " %d:%.3f", s.frame(), s.change()));
            }
            System.out.println(line);
        }
    }
}
