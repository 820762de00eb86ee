package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.photo.PhotoBlur;
import faceblur.video.Container;
import faceblur.video.VideoInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
            if (!container.canCarry(info.audioCodecs())) {
                throw new FaceblurException(explicit + ": a " + container.extension() + " file cannot hold the "
                        + "audio (" + String.join(", ", info.audioCodecs()) + ") of " + input
                        + " without re-encoding it; name the output .mkv");
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
