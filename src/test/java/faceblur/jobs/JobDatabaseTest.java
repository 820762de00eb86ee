package faceblur.jobs;

import faceblur.FaceblurException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobDatabaseTest {

    @Test
    void sqliteIsCreatedInWalModeWithTheSchema(@TempDir Path dir) throws Exception {
        try (JobDatabase db = JobDatabase.open("jdbc:sqlite:" + dir.resolve("new/folder/faceblur.db"));
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("pragma journal_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = s.executeQuery("select count(*) from scheduled_tasks, face_detection_jobs, face_detection_faces")) {
                assertThat(rs.next()).isTrue();
            }
        }
        // A second open finds the schema in place.
        JobDatabase.open("jdbc:sqlite:" + dir.resolve("new/folder/faceblur.db")).close();
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/jobs?user=faceblur&password=s3cret&connectTimeout=2";

        assertThatThrownBy(() -> JobDatabase.open(url))
                .isInstanceOf(FaceblurException.class)
                .hasMessageStartingWith("Cannot open the job database jdbc:postgresql://127.0.0.1:" + closedPort
                        + "/jobs?user=faceblur&password=***&connectTimeout=2: ")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anUnsupportedUrlSaysWhichAreSupported() {
        assertThatThrownBy(() -> JobDatabase.open("jdbc:mysql://u:pw@host/db"))
                .isInstanceOf(FaceblurException.class)
                .hasMessage("Unsupported job database URL jdbc:mysql://u:***@host/db: use jdbc:sqlite:/path/faceblur.db"
                        + " or jdbc:postgresql://host:port/database");
    }

    @Test
    void anUnwritableSqliteFileNamesTheUrl(@TempDir Path dir) throws IOException {
        Path notAFolder = dir.resolve("file");
        java.nio.file.Files.writeString(notAFolder, "x");
        assertThatThrownBy(() -> JobDatabase.open("jdbc:sqlite:" + notAFolder.resolve("faceblur.db")))
                .isInstanceOf(FaceblurException.class)
                .hasMessageContaining(notAFolder.toString());
    }
}
