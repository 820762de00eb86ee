package faceblur.jobs;

import faceblur.detect.ModelLocator;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * SQLite's native library, kept in faceblur's cache folder under its version and loaded from there. Left to
 * itself, sqlite-jdbc copies it to {@code /tmp/sqlite-VERSION-UUID-libsqlitejdbc.so} on every start and deletes
 * it at a clean exit: every {@code kill -9} of a server left a 1 MB file behind for good. One copy per version,
 * written once (to a temporary name, then renamed), leaves nothing behind however the process ends.
 */
final class SqliteNative {

    private static boolean prepared;

    private SqliteNative() {
    }

    /** Before the driver first loads; a process that names its own library path keeps it. */
    static synchronized void prepare() {
        if (prepared || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        prepared = true;
        String name = System.mapLibraryName("sqlitejdbc");
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
                "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name)) {
            if (in == null) {
                return; // a platform the jar has no library for: the driver says so itself
            }
            Path dir = ModelLocator.userCache().resolve("native").resolve("sqlite-" + SQLiteJDBCLoader.getVersion());
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                Files.createDirectories(dir);
                Path partial = Files.createTempFile(dir, name, ".partial");
                try {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException e) {
            // A cache that cannot be written: the driver's own temporary copy still works.
        }
    }
}
