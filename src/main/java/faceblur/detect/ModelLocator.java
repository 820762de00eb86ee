package faceblur.detect;

import faceblur.FaceblurException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
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
        if (explicit != null) {
            return requireReadable(explicit, "--model");
        }
        String fromEnv = environment.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return requireReadable(Path.of(fromEnv), ENV_VARIABLE);
        }
        Path cached = cacheDirectory.resolve(FILE_NAME);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        return download(cached);
    }

    /** The model at {@code model}, a relative path taken from the working directory, as the user typed it. */
    private static Path requireReadable(Path model, String source) {
        Path absolute = model.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new FaceblurException("model " + model + " (from " + source + "): no such readable file at "
                    + absolute + "; point " + source + " at yunet_n_dynamic.onnx");
        }
        return absolute;
    }

    private Path download(Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), FILE_NAME, ".part");
            try {
                HttpClient client = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(15))
                        .build();
                HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(2)).build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new DigestInputStream(response.body(), sha)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                String actual = HexFormat.of().formatHex(sha.digest());
                if (!actual.equals(SHA256)) {
                    throw new IOException("downloaded file has SHA-256 " + actual + ", expected " + SHA256);
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            throw unavailable(target, e.getMessage() != null ? e.getMessage() : "no connection: " + e.getClass().getSimpleName());
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
