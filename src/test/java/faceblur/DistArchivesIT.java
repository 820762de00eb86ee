package faceblur;

import faceblur.testing.Tools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each platform's download holds, read with Debian's tar and unzip: both launchers, the native jars of its
 * own platform and of no other, natives inside them built for that platform, a Java runtime only in linux-x86_64's,
 * the README and the licences, and its size, printed. Runs under {@code mvn -Pdist verify}, which builds the five archives.
 */
class DistArchivesIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    /** The JavaCPP presets whose natives are published one jar per platform (FFmpeg in its GPL build). */
    private static final Set<String> PER_PLATFORM = Set.of("javacpp", "ffmpeg", "opencv", "openblas");
    private static final List<String> PLATFORMS =
            List.of("linux-x86_64", "linux-arm64", "macosx-arm64", "macosx-x86_64", "windows-x86_64");
    private static final Pattern NATIVE_JAR =
            Pattern.compile("lib/(\\w+)-[\\d.]+(?:-[\\d.]+)?-((?:linux|macosx|windows|android|ios)-\\w+?)(-gpl)?\\.jar");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "linux-x86_64, tar.gz, .so, true",
            "linux-arm64, tar.gz, .so, false",
            "macosx-arm64, tar.gz, .dylib, false",
            "macosx-x86_64, tar.gz, .dylib, false",
            "windows-x86_64, zip, .dll, false"})
    void holdsItsOwnPlatformOnly(String platform, String format, String librarySuffix, boolean runtime)
            throws IOException {
        String version = Files.readString(ROOT.resolve("target/maven-archiver/pom.properties"))
                .lines().filter(l -> l.startsWith("version=")).findFirst().orElseThrow().substring(8);
        String name = "faceblur-" + version + "-" + platform + "." + format;
        Path archive = ROOT.resolve("target").resolve(name);
        boolean zip = format.equals("zip");
        List<String> entries = output(zip ? List.of("unzip", "-Z1", archive.toString())
                : List.of("tar", "-tzf", archive.toString())).lines()
                .map(e -> e.substring(e.indexOf('/') + 1)).toList();

        assertThat(entries).contains("bin/faceblur", "bin/faceblur.bat", "lib/faceblur.jar");
        assertThat(entries.stream().anyMatch(e -> e.startsWith("runtime/bin/java"))).isEqualTo(runtime);

        for (String other : PLATFORMS) {
            if (!other.equals(platform)) {
                assertThat(entries).as("entries naming " + other).noneMatch(e -> e.contains(other));
            }
        }
        Set<String> nativeJars = entries.stream().filter(e -> NATIVE_JAR.matcher(e).matches())
                .collect(Collectors.toSet());
        assertThat(nativeJars).allSatisfy(jar -> {
            Matcher m = NATIVE_JAR.matcher(jar);
            assertThat(m.matches()).isTrue();
            assertThat(m.group(2)).as(jar).isEqualTo(platform);
        });
        assertThat(nativeJars.stream().map(jar -> {
            Matcher m = NATIVE_JAR.matcher(jar);
            return m.matches() ? m.group(1) : jar;
        })).containsExactlyInAnyOrderElementsOf(PER_PLATFORM);

        // inside each native jar: libraries of that operating system, in that platform's folder
        Path unpacked = Files.createDirectories(dir.resolve(platform));
        output(zip ? List.of("unzip", "-q", archive.toString(), "*/lib/*-" + platform + "*.jar", "-d", unpacked.toString())
                : List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString(), "--wildcards",
                "*/lib/*-" + platform + "*.jar"));
        Pattern library = Pattern.compile(
                ".*/" + Pattern.quote(platform) + "(-gpl)?/[^/]*" + Pattern.quote(librarySuffix) + "[.\\d]*");
        try (Stream<Path> jars = Files.find(unpacked, 3, (p, a) -> p.toString().endsWith(".jar"))) {
            for (Path jar : jars.toList()) {
                List<String> libraries = output(List.of("unzip", "-Z1", jar.toString())).lines()
                        .filter(e -> library.matcher(e).matches()).toList();
                assertThat(libraries).as(jar.getFileName().toString()).isNotEmpty();
            }
        }

        // what a user reads first and the licences that must travel with the programs
        assertThat(entries).contains("README.md", "LICENSE", "THIRD-PARTY-NOTICES.md", "THIRD-PARTY.txt");
        System.out.printf("%s: %.0f MB%n", name, Files.size(archive) / 1e6);
    }

    private static String output(List<String> command) {
        Tools.Result r = Tools.run(command, null);
        assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.stderr()).isZero();
        return r.out();
    }
}
