package faceblur.engine;

import faceblur.FaceblurException;
import faceblur.FileErrors;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An output file that appears whole or not at all: work goes to a hidden temporary file beside the target,
 * renamed onto it only by {@link #commit()}; closing without a commit deletes the temporary file.
 */
public final class AtomicOutput implements AutoCloseable {

    /** Temporary files not yet committed or closed: removed if the process is stopped (Ctrl-C, kill). */
    private static final Set<Path> UNFINISHED = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PARTIAL = ".partial";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> UNFINISHED.forEach(AtomicOutput::deleteQuietly),
                "remove-unfinished-outputs"));
    }

    /** Guards the moves into place against a stop: once {@link #stopCommits()} returns, no output appears. */
    private static final Object COMMITS = new Object();
    private static boolean stopped;

    private final Path target;
    private final Path temporary;
    private final boolean overwrite;
    private boolean committed;

    private AtomicOutput(Path target, Path temporary, boolean overwrite) {
        this.target = target;
        this.temporary = temporary;
        this.overwrite = overwrite;
    }

    /** Checks that {@code target} may be written and reserves a temporary file beside it. */
    public static AtomicOutput create(Path target, boolean overwrite) {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute) && !overwrite) {
            throw new FaceblurException(target + ": already exists; pass --overwrite to replace it");
        }
        if (Files.isDirectory(absolute)) {
            throw new FaceblurException(target + ": is a folder; give a file name for the output");
        }
        Path folder = absolute.getParent();
        if (Files.isRegularFile(folder)) {
            throw new FaceblurException(folder + ": is a file, not a folder; the output " + target
                    + " cannot go inside it");
        }
        if (!Files.isDirectory(folder)) {
            throw new FaceblurException(target + ": folder " + folder + " does not exist");
        }
        try {
            removeAbandoned(folder, "." + absolute.getFileName() + ".");
            Path temporary = reserve(folder, absolute.getFileName().toString());
            UNFINISHED.add(temporary);
            return new AtomicOutput(target, temporary, overwrite);
        } catch (IOException e) {
            throw new FaceblurException(folder + "/: cannot write here (" + FileErrors.reason(e) + "); choose another "
                    + "place for " + target.getFileName());
        }
    }

    /**
     * Temporary outputs in {@code folder} left by runs that were killed ({@code kill -9}, power loss), when no
     * shutdown hook could remove them: their name says which process wrote them, and that process is gone.
     * Those of live processes, and names faceblur did not make, are left alone.
     */
    public static void removeAbandoned(Path folder) {
        try {
            removeAbandoned(folder, ".");
        } catch (IOException e) {
            throw new FaceblurException(folder + ": cannot list the folder (" + FileErrors.reason(e) + ")");
        }
    }

    /** {@link #removeAbandoned(Path)} for the names that start with {@code prefix}. */
    private static void removeAbandoned(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (!n.startsWith(prefix) || !n.endsWith(PARTIAL)) {
                    continue;
                }
                // .NAME.PID-RANDOM.partial: the process id is the last part of the name before the dash.
                String stem = n.substring(0, n.length() - PARTIAL.length());
                String owner = stem.substring(stem.lastIndexOf('.') + 1);
                int dash = owner.indexOf('-');
                try {
                    if (dash > 0 && ProcessHandle.of(Long.parseLong(owner.substring(0, dash))).isEmpty()) {
                        Files.deleteIfExists(f);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours: left alone
                }
            }
        }
    }

    /**
     * A new empty file beside the target. Created as any new file is (the umask decides its permissions), not
     * as a private temporary file, since it becomes the output that others may need to read.
     */
    private static Path reserve(Path folder, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path candidate = folder.resolve("." + name + "." + ProcessHandle.current().pid() + "-"
                    + Long.toUnsignedString(RANDOM.nextLong(), 36) + PARTIAL);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** Where to write the content. */
    public Path temporary() {
        return temporary;
    }

    public Path target() {
        return target;
    }

    /**
     * No output is moved into place from now on: faceblur is being stopped (Ctrl-C, SIGTERM), and a file
     * finished in the moments the stop takes would be one the user stopped. Outputs under way are removed.
     */
    public static void stopCommits() {
        synchronized (COMMITS) {
            stopped = true;
        }
    }

    public void commit() {
        synchronized (COMMITS) {
            if (stopped) {
                throw new FaceblurException(target + ": not written; faceblur was stopped before it finished");
            }
            moveIntoPlace();
        }
    }

    private void moveIntoPlace() {
        try {
            if (!overwrite && Files.exists(target)) {
                throw new FaceblurException(target + ": appeared while working; pass --overwrite to replace it");
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
            UNFINISHED.remove(temporary);
        } catch (IOException e) {
            throw new FaceblurException(target + ": cannot move the finished file into place (" + FileErrors.reason(e) + ")");
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteQuietly(temporary);
            UNFINISHED.remove(temporary);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Nothing more can be done; the name starts with a dot and ends in .partial.
        }
    }
}
