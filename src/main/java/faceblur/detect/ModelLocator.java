package faceblur.detect;

import faceblur.FaceblurException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the YuNet model file: an explicit path, then {@code FACEBLUR_MODEL}, then the user cache, where it
 * is downloaded once from its pinned source and checked against its SHA-256.
 */
public final class ModelLocator {

    public static final String ENV_VARIABLE = "FACEBLUR_MODEL";
    public static final String FILE_NAME = "yunet_n_dynamic.onnx";
    public static final URI SOURCE = URI.create("https://github.com/ShiqiYu/libfacedetection.train/raw/"
            + "0047ac24afb1a50a0c6105001c89d1b5b805dbf1/onnx/yunet_n_dynamic.onnx");
    public static final String SHA256 = "104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12";

    private final Map<String, String> environment;
    private final Path cacheDirectory;
    private final URI source;

    public ModelLocator(Map<String, String> environment, Path cacheDirectory) {
        this(environment, cacheDirectory, SOURCE);
    }

    /** A locator downloading from {@code source} instead of the pinned address (for a local mirror). */
    public ModelLocator(Map<String, String> environment, Path cacheDirectory, URI source) {
        this.environment = environment;
        this.cacheDirectory = cacheDirectory;
        this.source = source;
    }

    /** The locator for this process: its environment and the XDG cache directory. */
    public static ModelLocator forThisUser() {
        return new ModelLocator(System.getenv(), userCache());
    }

    /** faceblur's folder in the user's cache: {@code $XDG_CACHE_HOME/faceblur}, else {@code ~/.cache/faceblur}. */
    public static Path userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("faceblur");
    }

    /** The model to use; {@code explicit} may be null. Downloads into the cache when nothing else is there. */
    public Path locate(Path explicit) {
        return locate(explicit, "--model", environment, ENV_VARIABLE, cacheDirectory.resolve(FILE_NAME), this::download);
    }

    /**
     * A model file, looked for in the order every model is: {@code explicit} (given with {@code option}), the file
     * {@code variable} names in {@code environment}, the {@code cached} copy, else what {@code fetch} puts there.
     */
    public static Path locate(Path explicit, String option, Map<String, String> environment, String variable, Path cached,
                              java.util.function.UnaryOperator<Path> fetch) {
        String expected = cached.getFileName().toString();
        if (explicit != null) {
            return requireReadable(explicit, option, expected);
        }
        String fromEnv = environment.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return requireReadable(Path.of(fromEnv), variable, expected);
        }
        return Files.isRegularFile(cached) ? cached : fetch.apply(cached);
    }

    /**
     * The model at {@code model}, a relative path taken from the working directory; when it is not there, says
     * where it was looked for and which file ({@code expected}) {@code source} should point at.
     */
    private static Path requireReadable(Path model, String source, String expected) {
        Path absolute = model.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new FaceblurException("model " + model + " (from " + source + "): no such readable file at "
                    + absolute + "; point " + source + " at " + expected);
        }
        return absolute;
    }

    private Path download(Path target) {
        try {
            return ModelDownload.fetch(source, target, SHA256, ModelDownload.AS_IS);
        } catch (IOException e) {
            throw unavailable(target, ModelDownload.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(target, "interrupted");
        }
    }

    private FaceblurException unavailable(Path target, String why) {
        return new FaceblurException("face model not found and could not be downloaded (" + why + "). Put "
                + FILE_NAME + " (sha256 " + SHA256 + ", from " + source + ") at " + target
                + ", or point " + ENV_VARIABLE + " or --model at it");
    }
}
