package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.FileErrors;
import faceblur.engine.Analysis;
import faceblur.engine.AtomicOutput;
import faceblur.detect.Detection;
import faceblur.engine.FaceBlur;
import faceblur.engine.FrameWatcher;
import faceblur.photo.PhotoBlur;
import faceblur.photo.PhotoFaces;
import faceblur.photo.PhotoFormat;
import faceblur.redact.RedactionSettings;
import faceblur.rekognition.RekognitionJson;
import faceblur.text.HiddenTracks;
import faceblur.text.TextHiding;
import faceblur.text.VideoText;
import faceblur.track.Track;
import faceblur.video.DecodeLosses;
import faceblur.video.VideoInfo;
import faceblur.video.VideoReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "blur",
        mixinStandardHelpOptions = true,
        header = "Blur every face in videos and photos; videos on every frame, keeping the sound and timing.",
        description = {
                "Finds faces on every frame (YuNet), follows each face from frame to frame within each shot, fills "
                        + "the frames where the detector blinked, and hides it on every frame it is on. Audio "
                        + "streams are copied untouched; frame count, timestamps and rotation are kept. Output is "
                        + "H.264 in MP4 (MOV input stays MOV), written to a temporary file and renamed when complete.",
                "Photos (.jpg, .jpeg, .png, .webp) are searched as they are, enlarged 2x for small faces and, "
                        + "when over 1536 px, shrunk to 1024 px for large ones, and written upright in the same "
                        + "format (JPEG and WebP at quality 95) with no metadata at all: no EXIF, GPS, XMP, IPTC or "
                        + "colour profile.",
                "",
                "Examples:",
                "  faceblur blur interview.mp4                    -> interview_blurred.mp4",
                "  faceblur blur photo.jpg                        -> photo_blurred.jpg",
                "  faceblur blur clips/ --out-dir blurred/        every video and photo in clips/",
                "  faceblur blur in.mov -o out.mov --style pixelate --faces-json faces.json",
                ""},
        footer = {"", "Exit status: 0 all done; 2 a file could not be processed (each failure is named)."})
final class BlurCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Video or photo files, or folders (every video and photo directly inside them).")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The output file (one input only); .mp4, .mov or .mkv for a video, .jpg, .png or .webp "
                    + "for a photo.")
    Path output;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Write <name>_blurred.mp4 (photos: <name>_blurred.jpg etc.) files into this folder (created if missing) instead of beside "
                    + "each input.")
    Path outDir;

    @Option(names = "--faces-json", paramLabel = "FILE",
            description = "Also write the detections as Rekognition GetFaceDetection JSON (one input only); for a "
                    + "photo, DetectFaces JSON.")
    Path facesJson;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--strict",
            description = "Refuse a damaged video (exit 2, no output) instead of leaving out the few frames that "
                    + "cannot be decoded with a warning.")
    boolean strict;

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Mixin
    TrackingOptions tracking = new TrackingOptions();

    @Mixin
    RenderOptions render = new RenderOptions();

    @Mixin
    HideOptions hide = new HideOptions();

    @Override
    public Integer call() {
        RedactionSettings redaction = render.redaction(); // bad options are reported before any file is read
        hide.targets();
        InputFiles.Expanded expanded = InputFiles.expand(inputs);
        List<Path> files = expanded.files();
        expanded.skipped().forEach(p -> System.err.println("faceblur: skipped " + p + " (not a video or photo, or an earlier "
                + Outputs.SUFFIX + " output)"));
        if (files.isEmpty()) {
            throw new FaceblurException("no videos or photos found in " + inputs);
        }
        if (files.size() > 1 && (output != null || facesJson != null)) {
            throw new FaceblurException("-o and --faces-json take one input; for several use --out-dir");
        }
        if (output != null && outDir != null) {
            throw new FaceblurException("give either -o or --out-dir, not both");
        }
        Outputs.checkDistinct(files, outDir);
        if (outDir != null) {
            try {
                Files.createDirectories(outDir);
            } catch (IOException e) {
                throw new FaceblurException(outDir + ": cannot create the output folder (" + FileErrors.reason(e) + ")");
            }
        }
        Batch batch = new Batch(quiet);
        try (TextHiding text = hide.text(detection.threads); FaceBlur engine = detection.engine(tracking)) {
            for (Path input : files) {
                batch.run(input, () -> blur(engine, text, input, redaction));
            }
        }
        return batch.finish();
    }

    /** A few frames could not be decoded: a warning that names them, or with --strict a refusal. */
    private void damaged(Path input, DecodeLosses losses, List<String> warnings) {
        if (strict) {
            throw new FaceblurException(input + ": damaged: " + losses.describe() + "; refused (--strict)");
        }
        warnings.add(input + ": damaged: " + losses.describe() + "; the output has the others");
    }

    private String blur(FaceBlur engine, TextHiding text, Path input, RedactionSettings redaction) {
        if (PhotoFormat.isPhotoName(input)) {
            return blurPhoto(engine, text, input, redaction);
        }
        VideoInfo info = VideoReader.probe(input);
        // Said once the output is written: a file that then fails gets its one line of failure only.
        List<String> warnings = new ArrayList<>();
        if (info.unreadableAudio() > 0) {
            warnings.add(input + ": " + info.unreadableAudio() + " audio stream(s) with no codec (damaged) left out");
        }
        Outputs.Plan plan = Outputs.plan(input, info, output, outDir);
        try (AtomicOutput video = AtomicOutput.create(plan.path(), render.overwrite);
             AtomicOutput json = facesJson == null ? null : AtomicOutput.create(facesJson, render.overwrite)) {
            String name = input.getFileName().toString();
            VideoText texts = text == null ? null : text.forVideo();
            Analysis analysis = engine.analyse(input, ConsoleProgress.forFile(name, quiet),
                    losses -> damaged(input, losses, warnings), texts == null ? FrameWatcher.NONE : texts);
            List<Track> tracks = engine.track(analysis);
            List<Track> textTracks = texts == null ? List.of()
                    : HiddenTracks.numberedAfter(tracks, engine.track(texts.observations(), analysis.cues()));
            engine.render(input, HiddenTracks.of(hide.faces() ? tracks : List.of(), textTracks, redaction),
                    redaction, render.encoding(detection.threads), video.temporary(), plan.container(),
                    ConsoleProgress.forFile(name, quiet));
            if (json != null) {
                RekognitionJson.write(texts == null ? RekognitionJson.result(analysis.info(), tracks)
                        : RekognitionJson.result(analysis.info(), tracks, textTracks, text.every()), json.temporary());
                json.commit();
            }
            video.commit();
            warnings.forEach(w -> System.err.println("faceblur: warning: " + w));
            return plan.path() + " (" + analysis.frames() + " frames, " + tracks.size() + " faces tracked"
                    + (texts == null ? "" : ", " + textTracks.size() + " text tracks") + ")";
        }
    }

    private String blurPhoto(FaceBlur engine, TextHiding text, Path input, RedactionSettings redaction) {
        Path target = Outputs.photo(input, output, outDir);
        try (AtomicOutput photo = AtomicOutput.create(target, render.overwrite);
             AtomicOutput json = facesJson == null ? null : AtomicOutput.create(facesJson, render.overwrite)) {
            List<Detection> texts = new ArrayList<>();
            PhotoFaces faces = engine.photos().blur(input, PhotoBlur.formatOf(input), redaction,
                    PhotoBlur.formatOf(target),
                    photo.temporary(), hide.faces(), TextHiding.inPhotos(text, redaction, texts));
            if (json != null) {
                RekognitionJson.write(RekognitionJson.photoResult(faces.width(), faces.height(), faces.faces()),
                        json.temporary());
                json.commit();
            }
            photo.commit();
            return target + " (" + faces.faces().size() + " faces" + (text == null ? "" : ", " + texts.size() + " text regions") + ")";
        }
    }
}
