package faceblur.engine;

/**
 * How JavaCPP is to load faceblur's native libraries; set before the first of them loads.
 *
 * <p>Told nothing, JavaCPP tries every variant a library's presets describe, the GPU one first: for OpenCV's
 * {@code -gpu} variant it looks for 25 CUDA, cuDNN and NPP libraries in every library folder (about 0.55 s of
 * each run's start-up, more on a busy machine) before it settles for the CPU build, the only one faceblur
 * ships. Naming the variant faceblur does ship, FFmpeg's {@code -gpl} build (the one with x264), stops that
 * search: OpenCV and OpenBLAS have no {@code -gpl} variant and load their plain builds, FFmpeg its GPL build.
 */
public final class NativeLoading {

    /** JavaCPP reads its platform settings from system properties of this name, once, at its first load. */
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The one variant among faceblur's native jars (pom.xml: FFmpeg's {@code linux-x86_64-gpl} classifier). */
    static final String SHIPPED_EXTENSION = "-gpl";

    private NativeLoading() {
    }

    /**
     * Loads only the variants faceblur ships; a value the user set ({@code -D...platform.extension=...},
     * for a GPU build of their own) is left as it is.
     */
    public static void shippedVariantsOnly() {
        if (System.getProperty(EXTENSION_PROPERTY) == null) {
            System.setProperty(EXTENSION_PROPERTY, SHIPPED_EXTENSION);
        }
    }
}
