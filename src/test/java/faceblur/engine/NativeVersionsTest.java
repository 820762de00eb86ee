package faceblur.engine;

import faceblur.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The libraries that parse untrusted files are the versions the README says, and --version names them. */
class NativeVersionsTest {

    /** What pom.xml is meant to bring in: each library's own report of itself must say this. */
    private static final String INSIDE = "FFmpeg 8.0.1, OpenCV 4.13.0, ONNX Runtime 1.29.0";

    @Test
    void versionOptionNamesTheLoadedLibraries() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("--version")).isZero();

        assertThat(out.toString().lines()).containsExactly(FaceBlur.version(), INSIDE);
    }

    @Test
    void readmeNamesTheSameVersions() throws Exception {
        assertThat(Files.readString(Path.of("README.md"))).contains(INSIDE);
    }
}
