package faceblur.studio;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The videos of {@code faceblur studio}: the files and folders named on its command line, and the studio's own
 * folders (uploads). A path is opened only when, with every link and {@code ..} resolved, it is one of those
 * files or lies inside one of those folders.
 */
final class LocalVideos implements VideoCatalog {

    /** How deep folders are searched for videos to list; any depth may be opened. */
    private static final int LIST_DEPTH = 3;
    private static final int LIST_LIMIT = 2000;

    private final List<Path> files = new ArrayList<>();
    private final List<Path> folders = new ArrayList<>();

    LocalVideos(List<Path> allowed) {
        for (Path p : allowed) {
            Path real = realPath(p);
            if (real == null) {
                continue;
            }
            (Files.isDirectory(real) ? folders : files).add(real);
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public List<Video> list() {
        List<Video> videos = new ArrayList<>();
        files.forEach(f -> videos.add(video(f)));
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder, LIST_DEPTH)) {
                walk.filter(Files::isRegularFile).filter(p -> VideoCatalog.isVideoName(p.getFileName().toString()))
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted().limit(LIST_LIMIT).forEach(p -> videos.add(video(p)));
            } catch (IOException | UncheckedIOException e) {
                // A folder that went away or cannot be read lists nothing; opening names the problem.
            }
        }
        return videos.stream().distinct().limit(LIST_LIMIT).toList();
    }

    private static Video video(Path p) {
        long bytes;
        try {
            bytes = Files.size(p);
        } catch (IOException e) {
            bytes = -1;
        }
        return new Video(p.toString(), p.getFileName().toString(), bytes);
    }

    @Override
    public Path open(String path) {
        if (path == null || path.isBlank() || path.indexOf('\0') >= 0) {
            throw new StudioException(400, "give the path of a video to open");
        }
        Path real = realPath(Path.of(path));
        if (real == null || !(files.contains(real) || folders.stream().anyMatch(real::startsWith))) {
            // The same answer whether or not the file exists: a page must not learn what lies outside.
            throw StudioException.forbidden(path + " is outside the files and folders this studio may read; "
                    + "start faceblur studio with it, or upload it from the page");
        }
        if (!Files.isRegularFile(real)) {
            throw new StudioException(400, path + " is not a file");
        }
        return real;
    }
}
