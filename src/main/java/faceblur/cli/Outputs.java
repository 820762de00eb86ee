package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.photo.PhotoBlur;
import faceblur.photo.PhotoFormat;
import faceblur.video.Container;
import faceblur.video.VideoInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where each video's or photo's output goes, and in which container or format. */
final class Outputs {

    static final String SUFFIX = "_blurred";

    /** The output file and its container. */
    record Plan(Path path, Container container) {
    }

    private Outputs() {
    }

    /**
     * {@code explicit} (from -o) wins; else {@code <name>_blurred.mp4} in {@code folder} (from --out-dir) or
     * beside the input. MOV input stays MOV; audio that MP4 cannot carry unchanged goes to Matroska instead.
     */
    static Plan plan(Path input, VideoInfo info, Path explicit, Path folder) {
        Plan plan;
        if (explicit != null) {
            Container container = Container.forPath(explicit);
            String refusal = container.refusal(info.audioCodecs(), " of " + input, "");
            if (refusal != null) {
                throw new FaceblurException(explicit + ": " + refusal);
            }
            plan = new Plan(explicit, container);
        } else {
            Container container = Container.defaultFor(input, info);
            Path dir = folder != null ? folder : input.toAbsolutePath().getParent();
            plan = new Plan(dir.resolve(InputFiles.stem(input) + SUFFIX + container.extension()), container);
        }
        notTheInput(input, plan.path());
        return plan;
    }

    /**
     * A photo's output: {@code explicit} (from -o), which must name a photo format, or
     * {@code <name>_blurred.<its extension>} in {@code folder} or beside the input.
     */
    static Path photo(Path input, Path explicit, Path folder) {
        Path path;
        if (explicit != null) {
            PhotoBlur.formatOf(explicit);
            path = explicit;
        } else {
            Path dir = folder != null ? folder : input.toAbsolutePath().getParent();
            String name = input.getFileName().toString();
            path = dir.resolve(InputFiles.stem(input) + SUFFIX + name.substring(name.lastIndexOf('.')));
        }
        notTheInput(input, path);
        return path;
    }

    /**
     * Refuses, before anything is written, a batch in which two inputs would get the same output name
     * (clip.mp4 and clip.mkv both give clip_blurred.mp4): one would silently replace the other. A video's
     * container is known only once it is read, so any two videos of one stem in one folder count as a clash;
     * a photo keeps its extension, so only photos of the same extension clash.
     */
    static void checkDistinct(List<Path> inputs, Path folder) {
        Map<String, Path> claimed = new HashMap<>();
        for (Path input : inputs) {
            Path dir = (folder != null ? folder : input.toAbsolutePath().getParent()).toAbsolutePath().normalize();
            String name = input.getFileName().toString();
            String kind = PhotoFormat.isPhotoName(input)
                    ? name.substring(name.lastIndexOf('.')).toLowerCase(Locale.ROOT) : ".<video>";
            String output = dir.resolve(InputFiles.stem(input) + SUFFIX) + (kind.equals(".<video>") ? ".*" : kind);
            Path earlier = claimed.putIfAbsent(output, input);
            if (earlier != null) {
                throw new FaceblurException(earlier + " and " + input + " would both be written as " + output
                        + "; nothing was written: rename one, or blur them into different --out-dir folders");
            }
        }
    }

    private static void notTheInput(Path input, Path output) {
        if (sameFile(input, output)) {
            throw new FaceblurException(output + ": is the input itself; choose another output name");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
