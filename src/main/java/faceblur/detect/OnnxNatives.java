package faceblur.detect;

import ai.onnxruntime.OrtEnvironment;
import faceblur.FaceblurException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads ONNX Runtime's native libraries from one folder in the user's cache,
 * {@code ~/.cache/faceblur/native/onnxruntime-VERSION/}, written once. Left to itself, ONNX Runtime copies its
 * 21 MB library into a new {@code /tmp/onnxruntime-java*} folder on every start and leaves that folder behind
 * (it asks for it to be deleted at exit before its files are, so the empty folder stays; after a kill the
 * library stays too).
 */
public final class OnnxNatives {

    private static final String[] LIBRARIES = {"onnxruntime", "onnxruntime4j_jni"};
    private static final String RESOURCES = "/ai/onnxruntime/native/linux-x64/";
    private static boolean loaded;

    private OnnxNatives() {
    }

    /** Makes sure the libraries are in the cache and loads ONNX Runtime from there; once per process. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        if (System.getProperty("onnxruntime.native.path") == null && isLinuxX64()) {
            Path folder = ModelLocator.userCache().resolve("native").resolve("onnxruntime-" + version());
            try {
                for (String library : LIBRARIES) {
                    install(folder, System.mapLibraryName(library));
                }
            } catch (IOException e) {
                throw new FaceblurException(folder + ": cannot store ONNX Runtime's native library ("
                        + e.getMessage() + ")");
            }
            System.setProperty("onnxruntime.native.path", folder.toString());
        }
        try {
            // Initialising the class runs ONNX Runtime's loader; the environment itself is made by its users.
            Class.forName(OrtEnvironment.class.getName(), true, OnnxNatives.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        removeLoaderTemporaryFolder();
        loaded = true;
    }

    private static boolean isLinuxX64() {
        String arch = System.getProperty("os.arch", "");
        return System.getProperty("os.name", "").toLowerCase().contains("linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** The version of the ONNX Runtime jar on the class path, read without loading the library. */
    private static String version() {
        String v = OrtEnvironment.class.getPackage().getImplementationVersion();
        return v == null ? "unversioned" : v;
    }

    /**
     * Copies the library to {@code folder} unless it is there: through a temporary name and a rename, so that
     * a process killed while copying, or two processes copying at once, never leave a half-written library
     * under the real name.
     */
    private static void install(Path folder, String name) throws IOException {
        Path target = folder.resolve(name);
        if (Files.isRegularFile(target)) {
            return;
        }
        Files.createDirectories(folder);
        Path partial = folder.resolve("." + name + "." + ProcessHandle.current().pid() + ".partial");
        try (InputStream in = OnnxNatives.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("ONNX Runtime's jar holds no " + name);
            }
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * ONNX Runtime's loader makes an empty temporary folder even when told where the libraries are, and only
     * asks for it to go at exit: removed at once here, so that a later {@code kill -9} leaves nothing in the
     * temporary folder.
     */
    private static void removeLoaderTemporaryFolder() {
        try {
            Class<?> loader = Class.forName("ai.onnxruntime.OnnxRuntime");
            Field field = loader.getDeclaredField("tempDirectory");
            field.setAccessible(true);
            if (field.get(null) instanceof Path folder) {
                Files.deleteIfExists(folder);
            }
        } catch (ReflectiveOperationException | RuntimeException | IOException e) {
            // Another ONNX Runtime version: its folder then goes at exit, as ONNX Runtime itself arranges.
        }
    }
}
