package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.photo.PhotoFormat;
import faceblur.video.VideoFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands the command's inputs: files as given, folders into the videos and photos directly inside them. */
final class InputFiles {

    /**
     * The files to process, and the regular files in the given folders that were left out (each folder's
     * name with them): a user must see what a folder run did not touch.
     */
    record Expanded(List<Path> files, List<Path> skipped) {
    }

    private InputFiles() {
    }

    static Expanded expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                files.add(input);
                continue;
            }
            try (Stream<Path> children = Files.list(input)) {
                children.filter(Files::isRegularFile).sorted().forEach(p -> (taken(p) ? files : skipped).add(p));
            } catch (IOException e) {
                throw new FaceblurException(input + ": cannot list the folder (" + e.getMessage() + ")");
            }
        }
        return new Expanded(files, skipped);
    }

    /**
     * A video or photo by its name, not an earlier output. GIFs are animations FFmpeg reads as video, as a GIF
     * given by name is.
     */
    private static boolean taken(Path p) {
        boolean media = isVideoName(p) || PhotoFormat.isPhotoName(p)
                || p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif");
        return media && !stem(p).endsWith(Outputs.SUFFIX);
    }

    static boolean isVideoName(Path p) {
        return VideoFiles.isVideoName(p);
    }

    static String stem(Path p) {
        return VideoFiles.stem(p);
    }
}
