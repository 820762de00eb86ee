package faceblur.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the Debian packages, in a temp folder, on a free port: one per JVM, a fresh
 * database per caller of {@link #newDatabase}. PostgreSQL refuses to run as root, so as root the cluster runs
 * as the {@code postgres} user that the package creates.
 */
public final class TestPostgres implements AutoCloseable {

    private static final Path BIN_ROOT = Path.of("/usr/lib/postgresql");
    private static TestPostgres shared;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private TestPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The JVM's cluster, started on first use and removed when the JVM exits. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = start();
            TestPostgres cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        }
        return shared;
    }

    public static TestPostgres start() {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("faceblur-pg");
            TestPostgres pg = new TestPostgres(bin, dir, freePort(), root);
            if (root) {
                pg.exec(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            }
            pg.exec(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync"), root);
            pg.exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                    dir.resolve("log").toString(), "-w", "-o", "-p " + pg.port + " -k " + dir
                            + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"), root);
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a test PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** A new, empty database; its JDBC URL carries the user. */
    public String newDatabase(String prefix) {
        String name = (prefix + "_" + databases.incrementAndGet()).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void close() {
        try {
            exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop"), asPostgresUser);
        } catch (RuntimeException | IOException e) {
            System.err.println("Test PostgreSQL did not stop: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Test PostgreSQL folder not deleted: " + dir);
        }
    }

    private static Path findBin() {
        try (Stream<Path> versions = Files.list(BIN_ROOT)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) are missing under " + BIN_ROOT
                    + ": apt-get install postgresql");
        }
    }

    private void exec(List<String> command, boolean asPostgres) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", full));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
