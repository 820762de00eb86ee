package faceblur.bench;

import faceblur.detect.Detection;
import faceblur.engine.FaceBlur;
import faceblur.engine.ProgressListener;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Shape;
import faceblur.redact.Style;
import faceblur.rekognition.RekognitionJson;
import faceblur.track.Observation;
import faceblur.track.Track;
import faceblur.track.TrackPoint;
import faceblur.track.TrackerSettings;
import faceblur.video.Container;
import faceblur.video.EncoderSettings;
import faceblur.video.VideoInfo;
import faceblur.video.VideoReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The baseline of AWS's sample pipeline (bench tool, not shipped): Rekognition samples faces about twice a
 * second, and the sample blurs each face box it returns for a fixed time after its timestamp only, with a
 * pixelation of the raw box and no tracking, no interpolation, nothing before the sighting.
 * <p>
 * Emulated with faceblur's own detector so that only the rule differs: give it {@code faceblur detect
 * --detect-every 1} output (every frame); it keeps the frames nearest each multiple of {@code --interval-ms}
 * (500), and hides each face of those frames from its timestamp for {@code --hold-ms} (500) forward, as a
 * box pixelated 10x10 with no enlargement.
 * <p>
 * Usage: {@code AwsSampleRedact IN --faces FACES.json -o OUT [--interval-ms 500] [--hold-ms 500] [--crf 18]
 * [--preset veryfast] [--threads N]}.
 */
public final class AwsSampleRedact {

    private AwsSampleRedact() {
    }

    public static void main(String[] args) {
        Path input = null;
        Path faces = null;
        Path output = null;
        long intervalMs = 500;
        long holdMs = 500;
        int crf = EncoderSettings.defaults().crf();
        String preset = EncoderSettings.defaults().preset();
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--faces" -> faces = Path.of(args[++i]);
                case "-o", "--output" -> output = Path.of(args[++i]);
                case "--interval-ms" -> intervalMs = Long.parseLong(args[++i]);
                case "--hold-ms" -> holdMs = Long.parseLong(args[++i]);
                case "--crf" -> crf = Integer.parseInt(args[++i]);
                case "--preset" -> preset = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> {
                    if (args[i].startsWith("-") || input != null) {
                        throw new IllegalArgumentException("unknown argument " + args[i]);
                    }
                    input = Path.of(args[i]);
                }
            }
        }
        Objects.requireNonNull(input, "the input video is required");
        Objects.requireNonNull(faces, "--faces is required");
        Objects.requireNonNull(output, "-o is required");

        VideoInfo info = VideoReader.probe(input);
        List<Observation> all = RekognitionJson.observations(RekognitionJson.read(List.of(faces)),
                info.width(), info.height());
        List<Observation> sampled = sample(all, info.frameRate().toDouble(), info.durationMicros(), intervalMs * 1000);
        List<Track> tracks = tracks(sampled, holdMs * 1000);
        try (FaceBlur engine = FaceBlur.withoutDetector(TrackerSettings.defaults())) {
            int frames = engine.render(input, tracks, new RedactionSettings(Style.PIXELATE, Shape.BOX, 1.0),
                    new EncoderSettings(crf, preset, threads), output, Container.forPath(output), ProgressListener.NONE);
            System.err.printf(Locale.ROOT, "wrote %s (%d frames; %d of %d detected frames sampled, %d face boxes)%n",
                    output, frames, sampled.size(), all.size(), tracks.size());
        }
    }

    /**
     * The observations on the frames nearest each multiple of {@code intervalMicros}: frame times on the grid
     * of {@code fps}, an observation within half a frame of one counts as that frame's.
     */
    static List<Observation> sample(List<Observation> all, double fps, long durationMicros, long intervalMicros) {
        double frame = 1e6 / fps;
        List<Observation> kept = new ArrayList<>();
        for (long t = 0; t <= durationMicros + intervalMicros; t += intervalMicros) {
            double nearestFrame = Math.round(t / frame) * frame;
            for (Observation o : all) {
                if (Math.abs(o.micros() - nearestFrame) < frame / 2) {
                    kept.add(o);
                }
            }
        }
        return kept;
    }

    /** One single-sighting track per face box, held for {@code holdMicros} after it and never before. */
    static List<Track> tracks(List<Observation> sampled, long holdMicros) {
        List<Track> tracks = new ArrayList<>();
        for (Observation o : sampled) {
            for (Detection d : o.detections()) {
                tracks.add(new Track(tracks.size() + 1, List.of(new TrackPoint(o.micros(), d)), 0, holdMicros));
            }
        }
        return tracks;
    }
}
