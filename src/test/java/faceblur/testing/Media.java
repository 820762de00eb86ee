package faceblur.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared test media, the model and the generated fixtures are. */
public final class Media {

    private Media() {
    }

    /**
     * {@code ../shared} beside the repository (as in CI), or FACEBLUR_SHARED; a folder or a link to one. Its real
     * path, since the studio resolves links before it compares a video's path with the folders it was given.
     */
    public static Path shared() {
        String env = System.getenv("FACEBLUR_SHARED");
        Path dir = env != null ? Path.of(env) : Path.of(System.getProperty("user.dir")).resolve("../shared").normalize();
        if (!Files.isDirectory(dir.resolve("media"))) {
            throw new IllegalStateException("test media not found at " + dir + " (set FACEBLUR_SHARED)");
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path media(String name) {
        return shared().resolve("media").resolve(name);
    }

    /** The model: FACEBLUR_MODEL as CI sets it, else the shared copy. */
    public static Path model() {
        String env = System.getenv("FACEBLUR_MODEL");
        return env != null ? Path.of(env) : shared().resolve("models/yunet_n_dynamic.onnx");
    }

    /** A folder for generated fixtures, kept between tests of one build. */
    public static Path fixtures() {
        Path dir = Path.of(System.getProperty("user.dir"), "target", "fixtures");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A one-second 160x120 H.264 test pattern without sound: the quickest real video to process. */
    public static Path smallClip() {
        return fixture("small.mp4", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=1",
                "-c:v", "libx264", "-pix_fmt", "yuv420p");
    }

    /** 20 s of 768x576 pedestrians at 10 fps, H.264 with a keyframe every 2 s, plus an AAC tone. */
    public static Path pedestriansGop2s() {
        return fixture("pedestrians-gop2s.mp4", "-i", media("vtest.avi").toString(),
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "20", "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-force_key_frames", "expr:gte(t,n_forced*2)", "-c:a", "aac", "-shortest");
    }

    /**
     * Two seconds of megamind.mp4 (faces) at 160 px wide with its sound, quick to blur: {@code extension} mp4
     * and mov carry AAC, mkv Vorbis.
     */
    public static Path megamindClip(String extension) {
        return fixture("megamind-2s." + extension, "-i", media("megamind.mp4").toString(), "-t", "2",
                "-vf", "scale=160:-2", "-c:v", "libx264", "-preset", "veryfast",
                "-c:a", extension.equals("mkv") ? "libvorbis" : "aac");
    }

    /**
     * Makes {@code name} in the fixtures folder with ffmpeg, once for each set of arguments: the file's name
     * carries a digest of them, so a fixture made differently (another test, or an older build's arguments) is
     * never taken for this one. The arguments end before the output name.
     */
    public static Path fixture(String name, String... ffmpegArgs) {
        Path out = fixtures().resolve(keyed(name, ffmpegArgs));
        if (!Files.exists(out)) {
            Path partial = fixtures().resolve("tmp-" + name);
            String[] args = new String[ffmpegArgs.length + 1];
            System.arraycopy(ffmpegArgs, 0, args, 0, ffmpegArgs.length);
            args[ffmpegArgs.length] = partial.toString();
            Tools.ffmpeg(args);
            try {
                Files.move(partial, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** {@code name} with the first 8 hex digits of the SHA-256 of its arguments before the extension. */
    static String keyed(String name, String... args) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", args).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String key = java.util.HexFormat.of().formatHex(digest, 0, 4);
            int dot = name.lastIndexOf('.');
            return dot < 0 ? name + "-" + key : name.substring(0, dot) + "-" + key + name.substring(dot);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
