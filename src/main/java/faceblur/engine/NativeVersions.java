package faceblur.engine;

import faceblur.detect.FaceDetector;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.opencv.global.opencv_core;

/**
 * The native libraries inside faceblur, each as it reports its own version. FFmpeg parses every file a user
 * gives or uploads, so which FFmpeg is inside is what an operator checks against security advisories.
 */
public record NativeVersions(String ffmpeg, String openCv, String onnxRuntime) {

    /** The versions of the libraries this process loads (loading them if it has not yet). */
    public static NativeVersions loaded() {
        return new NativeVersions(avutil.av_version_info().getString(), opencv_core.CV_VERSION(),
                FaceDetector.runtimeVersion());
    }

    /** One line, as {@code faceblur --version} prints it. */
    public String line() {
        return "FFmpeg " + ffmpeg + ", OpenCV " + openCv + ", ONNX Runtime " + onnxRuntime;
    }
}
