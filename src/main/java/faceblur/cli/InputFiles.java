package faceblur.cli;

import faceblur.FaceblurException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Expands the command's inputs: files as given, folders into the videos directly inside them. */
final class InputFiles {

    static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "mov", "mkv", "webm", "avi", "mpg", "mpeg",
            "ts", "mts", "m2ts", "wmv", "flv", "3gp", "ogv");

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
                        .filter(InputFiles::isVideoName)
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
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
