package faceblur.detect;

import faceblur.FaceblurException;
import faceblur.testing.LoopbackFile;
import faceblur.testing.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelLocatorTest {

    @TempDir
    Path dir;

    @Test
    void explicitPathWinsThenEnvironmentThenCache() throws Exception {
        Path explicit = Files.writeString(dir.resolve("a.onnx"), "a");
        Path fromEnv = Files.writeString(dir.resolve("b.onnx"), "b");
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path cached = Files.writeString(cache.resolve(ModelLocator.FILE_NAME), "c");

        assertThat(new ModelLocator(Map.of(ModelLocator.ENV_VARIABLE, fromEnv.toString()), cache).locate(explicit))
                .isEqualTo(explicit);
        assertThat(new ModelLocator(Map.of(ModelLocator.ENV_VARIABLE, fromEnv.toString()), cache).locate(null))
                .isEqualTo(fromEnv);
        assertThat(new ModelLocator(Map.of(), cache).locate(null)).isEqualTo(cached);
    }

    /** A relative FACEBLUR_MODEL is taken from the working directory, and a wrong one names where it looked. */
    @Test
    void relativePathsAreFromTheWorkingDirectory() throws IOException {
        Path cwd = Path.of(System.getProperty("user.dir"));
        Path model = Files.writeString(Files.createDirectories(cwd.resolve("target/relative-model")).resolve("m.onnx"), "m");
        Map<String, String> env = Map.of(ModelLocator.ENV_VARIABLE, "target/relative-model/m.onnx");
        assertThat(new ModelLocator(env, dir).locate(null)).isEqualTo(model.toAbsolutePath());
        Map<String, String> wrong = Map.of(ModelLocator.ENV_VARIABLE, "../nowhere/m.onnx");
        assertThatThrownBy(() -> new ModelLocator(wrong, dir).locate(null)).isInstanceOf(FaceblurException.class)
                .hasMessageContaining("FACEBLUR_MODEL")
                .hasMessageContaining(cwd.getParent().resolve("nowhere/m.onnx").toString());
    }

    @Test
    void downloadsOnceIntoTheCacheWhenTheHashMatches() throws IOException {
        try (LoopbackFile server = new LoopbackFile("/yunet.onnx", Files.readAllBytes(Media.model()))) {
            Path cache = dir.resolve("cache");
            Path model = new ModelLocator(Map.of(), cache, server.address()).locate(null);
            assertThat(model).isEqualTo(cache.resolve(ModelLocator.FILE_NAME));
            assertThat(Files.mismatch(model, Media.model())).isEqualTo(-1);
        }
    }

    @Test
    void refusesADownloadWithTheWrongHash() throws IOException {
        try (LoopbackFile server = new LoopbackFile("/yunet.onnx", "not the model".getBytes(StandardCharsets.UTF_8))) {
            Path cache = dir.resolve("cache");
            assertThatThrownBy(() -> new ModelLocator(Map.of(), cache, server.address()).locate(null))
                    .isInstanceOf(FaceblurException.class).hasMessageContaining("SHA-256")
                    .hasMessageContaining(cache.resolve(ModelLocator.FILE_NAME).toString());
            try (var left = Files.list(cache)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void missingExplicitModelIsNamedWithItsSource() {
        Path missing = dir.resolve("nope.onnx");
        assertThatThrownBy(() -> new ModelLocator(Map.of(), dir).locate(missing))
                .isInstanceOf(FaceblurException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("--model");
        assertThatThrownBy(() -> new ModelLocator(Map.of(ModelLocator.ENV_VARIABLE, missing.toString()), dir).locate(null))
                .isInstanceOf(FaceblurException.class).hasMessageContaining(ModelLocator.ENV_VARIABLE);
    }
}
