package faceblur.jobs;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteJobServiceTest extends JobServiceContract {

    @TempDir
    Path dir;

    @Override
    String freshDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("data/faceblur.db");
    }

    @Override
    String trueLiteral() {
        return "1";
    }
}
