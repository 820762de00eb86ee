package faceblur.jobs;

import faceblur.testing.Jvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server killed with {@code kill -9} leaves no copy of SQLite's native library in the temporary folder
 * (sqlite-jdbc's own copy there is deleted only at a clean exit): the library is kept once, in the cache.
 */
class NoTemporaryNativeTest {

    @TempDir
    Path dir;

    @Test
    void killedProcessLeavesNoNativeLibraryBehind() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path cache = dir.resolve("cache");
        for (int run = 0; run < 2; run++) {
            ProcessBuilder pb = Jvm.process(NoTemporaryNativeTest.class.getName(), dir.resolve("jobs.db").toString())
                    .redirectErrorStream(true);
            pb.environment().put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
            pb.environment().put("XDG_CACHE_HOME", cache.toString());
            Process p = pb.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.equals("open"));
                assertThat(line).as("the database opened").isEqualTo("open");
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no deleteOnExit
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.map(f -> f.getFileName().toString())).as("after kill -9, run " + run)
                        .noneMatch(n -> n.contains("sqlite"));
            }
        }
        try (Stream<Path> kept = Files.walk(cache)) {
            assertThat(kept.filter(f -> f.getFileName().toString().contains("libsqlitejdbc"))).hasSize(1);
        }
    }

    public static void main(String[] args) throws Exception {
        JobDatabase db = JobDatabase.open("jdbc:sqlite:" + args[0]);
        System.out.println("open");
        System.out.flush();
        Thread.sleep(60_000); // not a wait for anything: holds the database open until the test kills it
        db.close();
    }
}
