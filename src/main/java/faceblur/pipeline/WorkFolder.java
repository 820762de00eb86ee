package faceblur.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A step's private temporary folder, removed with everything in it when the step ends, however it ends; with it
 * end the step's holds on the node's cached sources.
 */
final class WorkFolder implements AutoCloseable {

    private final Path path;
    private final List<AutoCloseable> held = new ArrayList<>();

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

    /** Closed when the step ends, before the folder goes. */
    <T extends AutoCloseable> T hold(T resource) {
        held.add(resource);
        return resource;
    }

    @Override
    public void close() {
        try {
            for (AutoCloseable resource : held) {
                resource.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot release " + held, e);
        } finally {
            delete(path);
        }
    }

    /** Removes a file, or a folder with everything in it; nothing there is fine. */
    static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the work folder " + dir, e);
        }
    }
}
