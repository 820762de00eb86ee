package faceblur;

import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import faceblur.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static faceblur.testing.VideoAssertions.assertSameFrameTimes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The linux-x86_64 download as a user gets it: the archive that {@code mvn package} makes, unpacked by Debian's tar
 * and run through its {@code bin/faceblur} with no Java and no Maven on PATH and a HOME without ~/.m2.
 */
class DownloadIT {

    private static final Path TARGET = Path.of(System.getProperty("user.dir"), "target");

    @TempDir
    static Path unpacked;

    @TempDir
    Path dir;

    private static Path home;

    @BeforeAll
    static void unpack() throws IOException {
        Path archive;
        try (Stream<Path> files = Files.list(TARGET)) {
            archive = files.filter(f -> f.getFileName().toString().matches("faceblur-.+-linux-x86_64\\.tar\\.gz"))
                    .findFirst().orElseThrow(() -> new AssertionError("no linux-x86_64 archive in " + TARGET));
        }
        Tools.Result tar = Tools.run(List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString()), null);
        assertThat(tar.exitCode()).as(tar.stderr()).isZero();
        try (Stream<Path> top = Files.list(unpacked)) {
            home = top.findFirst().orElseThrow();
        }
    }

    @Test
    void carriesTheReadmeTheLicenceAndEveryLibrarysLicence() throws IOException {
        Path root = Path.of(System.getProperty("user.dir"));
        assertThat(home.resolve("README.md")).hasSameTextualContentAs(root.resolve("README.md"));
        assertThat(Files.readString(home.resolve("LICENSE"))).contains("GNU GENERAL PUBLIC LICENSE", "Version 3");
        assertThat(Files.readString(home.resolve("THIRD-PARTY-NOTICES.md"))).contains("FFmpeg", "x264", "ONNX Runtime");
        // the generated list names the libraries actually shipped in lib/, each with a licence
        String listed = Files.readString(home.resolve("THIRD-PARTY.txt"));
        assertThat(listed).contains("com.microsoft.onnxruntime:onnxruntime:", "io.javalin:javalin:");
        assertThat(listed).doesNotContain("org.junit", "selenium");
        // the documents the README links to travel with it
        assertThat(home.resolve("docs/engine.md")).isRegularFile();
    }

    /** PATH is only {@code bin} (empty unless a test links tools into it): no java, no mvn. */
    private Map<String, String> bareEnvironment(Path bin) throws IOException {
        Files.createDirectories(bin);
        Path userHome = Files.createDirectories(dir.resolve("home"));
        return Map.of("PATH", bin.toString(), "HOME", userHome.toString(),
                "FACEBLUR_MODEL", Media.model().toString());
    }

    private static Tools.Result run(Path faceblurHome, Map<String, String> environment, String... args) {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(
                Stream.of(faceblurHome.resolve("bin/faceblur").toString()), Stream.of(args)).toList());
        pb.environment().clear();
        pb.environment().putAll(environment);
        return Tools.run(pb);
    }

    @Test
    void cachesFollowHome() throws IOException {
        Path userHome = Files.createDirectories(dir.resolve("someone"));
        Path cache = Files.createDirectories(userHome.resolve(".cache/faceblur"));
        Files.copy(Media.model(), cache.resolve("yunet_n_dynamic.onnx"));
        // no FACEBLUR_MODEL: the model is found only where $HOME says, not in the account's home from /etc/passwd
        Map<String, String> env = Map.of("PATH", Files.createDirectories(dir.resolve("empty-bin")).toString(),
                "HOME", userHome.toString());
        Tools.Result blur = run(home, env, "blur", Media.smallClip().toString(), "-o",
                dir.resolve("out.mp4").toString());
        assertThat(blur.exitCode()).as(blur.stderr()).isZero();
        assertThat(cache.resolve("native")).as("ONNX Runtime's natives under $HOME").isDirectory();
        assertThat(userHome.resolve(".javacpp/cache")).as("FFmpeg's and OpenCV's natives under $HOME").isDirectory();
    }

    @Test
    void blursAndServesWithItsOwnRuntimeAndNothingOnPath() throws IOException {
        Map<String, String> env = bareEnvironment(dir.resolve("empty-bin"));
        assertThat(home.resolve("runtime/bin/java")).isExecutable();

        Path input = Media.smallClip();
        Path output = dir.resolve("small_blurred.mp4");
        Tools.Result blur = run(home, env, "blur", input.toString(), "-o", output.toString());
        assertThat(blur.exitCode()).as(blur.stderr()).isZero();
        assertSameFrameTimes(input, output);

        try (ServerProcess serve = ServerProcess.serveWith(home.resolve("bin/faceblur"), env,
                "--data", dir.resolve("data").toString(), "--port", "0", "--s3-port", "0")) {
            var health = serve.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"ok\"");
        }
    }

    /** Without runtime/ (as the other platforms' downloads come) it runs on the java found on PATH. */
    @Test
    void withoutItsRuntimeUsesJavaOnPathIf17OrLater() throws IOException {
        Path noRuntime = dir.resolve("faceblur");
        Files.createDirectories(noRuntime);
        Files.createSymbolicLink(noRuntime.resolve("bin"), home.resolve("bin"));
        Files.createSymbolicLink(noRuntime.resolve("lib"), home.resolve("lib"));
        Path bin = dir.resolve("bin");
        Map<String, String> env = bareEnvironment(bin);
        for (String tool : new String[]{"sed", "head"}) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }

        Tools.Result noJava = run(noRuntime, env, "--version");
        assertThat(noJava.exitCode()).isEqualTo(2);
        assertThat(noJava.stderr().strip()).isEqualTo("faceblur: needs Java 17 or later: install it and put java on PATH");

        Path oldJava = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        oldJava.toFile().setExecutable(true);
        Tools.Result tooOld = run(noRuntime, env, "--version");
        assertThat(tooOld.exitCode()).isEqualTo(2);
        assertThat(tooOld.stderr().strip()).isEqualTo("faceblur: needs Java 17 or later; " + oldJava + " is 11");

        Files.delete(oldJava);
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Tools.Result version = run(noRuntime, env, "--version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.out()).startsWith("faceblur ").contains("FFmpeg ");
    }

    /** A launcher linked from elsewhere (say ~/bin/faceblur) still finds its lib/ and runtime/. */
    @Test
    void runsThroughASymbolicLink() throws IOException {
        Path bin = dir.resolve("bin");
        Map<String, String> env = bareEnvironment(bin);
        Files.createSymbolicLink(bin.resolve("readlink"), Path.of("/usr/bin/readlink"));
        Path linked = Files.createDirectories(dir.resolve("elsewhere/bin"));
        Files.createSymbolicLink(linked.resolve("faceblur"), home.resolve("bin/faceblur"));
        Tools.Result version = run(linked.getParent(), env, "--version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.out()).startsWith("faceblur ");
    }
}
