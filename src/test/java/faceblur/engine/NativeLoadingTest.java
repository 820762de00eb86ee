package faceblur.engine;

import faceblur.testing.Jvm;
import org.bytedeco.javacpp.ClassProperties;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up loads the native builds faceblur ships without searching for GPU libraries that are not there. */
class NativeLoadingTest {

    /** The libraries JavaCPP would look for before it loads OpenCV, under the platform settings given. */
    private static List<String> openCvPreloads(Properties platform) {
        ClassProperties properties = Loader.loadProperties(opencv_core.class, platform, true);
        return properties.get("platform.preload");
    }

    /** JavaCPP's platform settings as a fresh start would read them, with the system properties now set. */
    private static Properties platform() {
        return Loader.loadProperties(Loader.getPlatform(), null);
    }

    @Test
    void openCvIsLoadedWithoutLookingForCuda() {
        Properties untold = platform();
        untold.remove("platform.extension");
        // What the search costs without the setting: OpenCV's GPU variant asks for the CUDA libraries.
        assertThat(openCvPreloads(untold)).anyMatch(name -> name.startsWith("cudart"));

        NativeLoading.shippedVariantsOnly();

        assertThat(openCvPreloads(platform())).noneMatch(name -> name.startsWith("cu") || name.startsWith("npp"));
    }

    @Test
    void aVariantTheUserNamedIsKept() {
        String before = System.getProperty(NativeLoading.EXTENSION_PROPERTY);
        try {
            System.setProperty(NativeLoading.EXTENSION_PROPERTY, "-gpu");
            NativeLoading.shippedVariantsOnly();
            assertThat(System.getProperty(NativeLoading.EXTENSION_PROPERTY)).isEqualTo("-gpu");
        } finally {
            if (before == null) {
                System.clearProperty(NativeLoading.EXTENSION_PROPERTY);
            } else {
                System.setProperty(NativeLoading.EXTENSION_PROPERTY, before);
            }
        }
    }

    /**
     * A fresh faceblur process, started as the launcher starts it, still loads FFmpeg's GPL build (with x264)
     * and OpenCV: the setting must not cost a library.
     */
    @Test
    void theLauncherStillLoadsEveryLibrary() throws IOException, InterruptedException {
        Process p = Jvm.process(Launch.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("x264 true").contains("opencv 4.13.0");
    }

    /** Main's start-up, then the libraries, as {@code faceblur blur} uses them. */
    static final class Launch {
        public static void main(String[] args) {
            NativeLoading.shippedVariantsOnly();
            List<String> lines = new ArrayList<>();
            lines.add("x264 " + (avcodec.avcodec_find_encoder_by_name("libx264") != null));
            lines.add("opencv " + opencv_core.CV_VERSION());
            lines.forEach(System.out::println);
        }
    }
}
