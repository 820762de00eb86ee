package faceblur.detect;

import faceblur.FaceblurException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
