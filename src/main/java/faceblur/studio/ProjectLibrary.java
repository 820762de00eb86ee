package faceblur.studio;

import faceblur.FaceblurException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The projects under the studio's data folder, one folder each, named after the video file they review (its
 * path, size and modification time): opening the same file again, in this run or after a restart, gives back
 * its review. Each project also checks the file's content (SHA-256) before it renders anything.
 */
final class ProjectLibrary implements AutoCloseable {

    private final Path root;
    private final Clock clock;
    private final Consumer<StudioProject> changed;
    private final Map<String, StudioProject> projects = new ConcurrentHashMap<>();

    ProjectLibrary(Path root, Clock clock, Consumer<StudioProject> changed) {
        this.root = root;
        this.clock = clock;
        this.changed = changed;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new FaceblurException(root + ": cannot create the projects folder (" + e.getMessage() + ")");
        }
        loadAll();
    }

    /** Every project folder found at start: finished reviews are read back, interrupted analyses marked so. */
    private void loadAll() {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(StudioProject.SOURCE_FILE))).toList()) {
                StudioProject.SourceRef ref = StudioProject.readSource(dir);
                StudioProject p = new StudioProject(dir.getFileName().toString(), dir, Path.of(ref.path()), clock, changed);
                p.removeLeftovers();
                if (p.hasProjectFile()) {
                    try {
                        p.load();
                        p.export().load(p.exportsDir());
                    } catch (FaceblurException e) {
                        p.failed(e.getMessage());
                    }
                } else {
                    p.failed("the analysis was interrupted; open the video again to analyse it");
                }
                projects.put(p.id(), p);
            }
        } catch (IOException e) {
            throw new FaceblurException(root + ": cannot list the projects (" + e.getMessage() + ")");
        }
    }

    /** The project of {@code source}: its existing one, or a new one waiting for its analysis. */
    synchronized StudioProject open(Path source) {
        String id = idOf(source);
        StudioProject existing = projects.get(id);
        if (existing != null) {
            return existing;
        }
        Path dir = root.resolve(id);
        StudioProject.writeSource(dir, source);
        StudioProject p = new StudioProject(id, dir, source, clock, changed);
        projects.put(id, p);
        return p;
    }

    StudioProject get(String id) {
        StudioProject p = id == null ? null : projects.get(id);
        if (p == null) {
            throw StudioException.notFound("no project " + id);
        }
        return p;
    }

    List<StudioProject> list() {
        return projects.values().stream().sorted(Comparator.comparing(StudioProject::name)).toList();
    }

    /** A short stable name for a file as it is now: the same path, size and time give the same project. */
    static String idOf(Path source) {
        try {
            String key = source.toRealPath() + "\0" + Files.size(source) + "\0" + Files.getLastModifiedTime(source).toMillis();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException e) {
            throw new FaceblurException(source + ": cannot be read (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        projects.values().forEach(StudioProject::close);
    }
}
