package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.photo.PhotoFormat;
import faceblur.video.VideoFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the command's inputs: files as given, folders into the videos and photos directly inside them. */
final class InputFiles {

    private InputFiles() {
    }

    static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                files.add(input);
                continue;
            }
            try (Stream<Path> children = Files.list(input)) {
                children.filter(Files::isRegularFile)
                        .filter(p -> isVideoName(p) || PhotoFormat.isPhotoName(p))
                        .filter(p -> !stem(p).endsWith(Outputs.SUFFIX))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new FaceblurException(input + ": cannot list the folder (" + e.getMessage() + ")");
            }
        }
        return files;
    }

    static boolean isVideoName(Path p) {
        return VideoFiles.isVideoName(p);
    }

    static String stem(Path p) {
        return VideoFiles.stem(p);
    }
}
