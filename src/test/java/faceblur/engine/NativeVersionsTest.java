package faceblur.engine;

import faceblur.cli.Main;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The libraries that parse untrusted files are the versions the docs say, and --version names them. */
class NativeVersionsTest {

    /** What pom.xml is meant to bring in: each library's own report of itself must say this. */
    private static final String INSIDE = "FFmpeg 8.0.1, OpenCV 4.13.0, ONNX Runtime 1.28.0";

    @Test
    void versionOptionNamesTheLoadedLibraries() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("--version")).isZero();

        assertThat(out.toString().lines()).containsExactly(FaceBlur.version(), INSIDE);
    }

    /** Where the archives and what is inside them are described. */
    private static final Path DOCS = Path.of("docs", "development.md");

    @Test
    void docsNameTheSameVersions() throws Exception {
        assertThat(Files.readString(DOCS)).contains(INSIDE);
    }

    /** OpenCV links OpenBLAS, so both come from one JavaCPP release (a mixed one warns on every run). */
    @Test
    void docsNameTheJavaCppReleaseAndItsOpenBlas() throws Exception {
        assertThat(Loader.getVersion()).isEqualTo("1.5.13");
        assertThat(openblas_nolapack.OPENBLAS_VERSION.strip()).isEqualTo("OpenBLAS 0.3.31");
        assertThat(Files.readString(DOCS))
                .contains("JavaCPP 1.5.13").contains("OpenBLAS 0.3.31");
    }
}
