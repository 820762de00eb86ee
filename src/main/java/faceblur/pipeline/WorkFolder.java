package faceblur.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A step's private temporary folder, removed with everything in it when the step ends, however it ends. */
final class WorkFolder implements AutoCloseable {

    private final Path path;

    private WorkFolder(Path path) {
        this.path = path;
    }

    static WorkFolder create(Path root, StepId step) {
        try {
            return new WorkFolder(Files.createTempDirectory(Files.createDirectories(root), "pipeline-" + step.jobId() + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder in " + root, e);
        }
    }

    /** Folders left by a process killed mid-step (no finally ran): removed when a node starts on the same root. */
    static void removeLeftovers(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> folders = Files.list(root)) {
            folders.filter(p -> p.getFileName().toString().startsWith("pipeline-")).forEach(WorkFolder::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the work folder " + root, e);
        }
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        delete(path);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the work folder " + dir, e);
        }
    }
}
