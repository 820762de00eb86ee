package faceblur.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

/**
 * Moving test videos from annotated photos (bench tool, not shipped): a seeded camera path over a still
 * WIDER FACE image, encoded near-losslessly with Debian's ffmpeg together with a sine audio track, and the
 * faces' boxes transformed by the same path into MOT-style ground truth {@code frame,id,x,y,w,h} (frames
 * from 1, output pixels, clipped to the frame; faces wholly outside the frame and faces WIDER marks invalid
 * are left out).
 * <p>
 * Usage: {@code MakeVideos --gt wider_face_val_bbx_gt.txt --images DIR --out DIR [--seed N] [--duration S]
 * [--crf N] [--preset P] [--clip WxH@RATE]...}, RATE as {@code 30} or {@code 30000/1001}. Default clips:
 * 1280x720 and 1920x1080, each at 30 and 30000/1001 fps. Writes {@code OUT/NAME.mp4}, {@code OUT/NAME.gt.csv},
 * {@code OUT/NAME.json} (what was made, with counts) and {@code OUT/manifest.json} (all clips). A clip whose
 * files exist with the same settings is kept, not made again.
 */
public final class MakeVideos {

    /** Faces at least this tall (output pixels, widest view) make an image a good source. */
    static final double GOOD_FACE_PX = 24;

    record ClipSpec(int width, int height, int rateNum, int rateDen) {
        static ClipSpec parse(String s) {
            String[] sizeRate = s.split("@");
            String[] wh = sizeRate[0].split("x");
            String[] rate = sizeRate.length > 1 ? sizeRate[1].split("/") : new String[]{"30"};
            return new ClipSpec(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), Integer.parseInt(rate[0]),
                    rate.length > 1 ? Integer.parseInt(rate[1]) : 1);
        }

        double fps() {
            return (double) rateNum / rateDen;
        }

        String rate() {
            return rateDen == 1 ? Integer.toString(rateNum) : rateNum + "/" + rateDen;
        }

        String name(int index) {
            String fps = rateDen == 1 ? Integer.toString(rateNum) : String.format(Locale.ROOT, "%.2f", fps());
            return String.format(Locale.ROOT, "v%d-%dp%s", index + 1, height, fps);
        }
    }

    /** What one clip is made from and of: the sidecar JSON and one entry of the manifest. */
    public record Clip(String name, String video, String gt, String image, int imageWidth, int imageHeight,
                       int width, int height, String rate, double fps, int frames, double durationSeconds,
                       long seed, int crf, String preset, int faces, int faceFrames, int faceFramesAtLeast24px,
                       double meanFacesPerFrame) {
        /** The settings that decide the clip's content (not the counts). */
        boolean sameSettings(Clip o) {
            return name.equals(o.name) && image.equals(o.image) && width == o.width && height == o.height
                    && rate.equals(o.rate) && frames == o.frames && seed == o.seed && crf == o.crf
                    && preset.equals(o.preset);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) throws Exception {
        Path gt = null;
        Path images = null;
        Path out = null;
        long seed = 1;
        double duration = 8;
        int crf = 10;
        String preset = "veryfast";
        List<ClipSpec> specs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--gt" -> gt = Path.of(args[++i]);
                case "--images" -> images = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--duration" -> duration = Double.parseDouble(args[++i]);
                case "--crf" -> crf = Integer.parseInt(args[++i]);
                case "--preset" -> preset = args[++i];
                case "--clip" -> specs.add(ClipSpec.parse(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        Objects.requireNonNull(gt, "--gt is required");
        Objects.requireNonNull(images, "--images is required");
        Objects.requireNonNull(out, "--out is required");
        if (specs.isEmpty()) {
            specs = List.of(ClipSpec.parse("1280x720@30"), ClipSpec.parse("1280x720@30000/1001"),
                    ClipSpec.parse("1920x1080@30"), ClipSpec.parse("1920x1080@30000/1001"));
        }
        Files.createDirectories(out);
        Map<String, List<WiderAnnotations.Face>> annotations = WiderAnnotations.read(gt);
        Map<String, int[]> sizes = new LinkedHashMap<>();
        for (String name : annotations.keySet()) {
            sizes.put(name, imageSize(images.resolve(name)));
        }
        Set<String> used = new HashSet<>();
        List<Clip> clips = new ArrayList<>();
        for (int k = 0; k < specs.size(); k++) {
            ClipSpec spec = specs.get(k);
            String image = pickImage(annotations, sizes, spec, used);
            used.add(image);
            long clipSeed = seed * 1_000_003L + k;
            clips.add(make(spec, spec.name(k), images, image, sizes.get(image),
                    WiderAnnotations.usable(annotations.get(image)), out, duration, clipSeed, crf, preset));
        }
        JSON.writeValue(out.resolve("manifest.json").toFile(), Map.of("seed", seed, "clips", clips));
    }

    /** The not yet used image with the most usable faces at least 24 px tall in this clip's widest view. */
    static String pickImage(Map<String, List<WiderAnnotations.Face>> annotations, Map<String, int[]> sizes,
                            ClipSpec spec, Set<String> used) {
        return annotations.keySet().stream()
                .filter(n -> !used.contains(n))
                .max(Comparator.<String>comparingLong(n -> goodFaces(annotations.get(n), sizes.get(n), spec))
                        .thenComparing(Comparator.<String>naturalOrder().reversed()))
                .orElseThrow(() -> new IllegalStateException("not enough annotated images"));
    }

    static long goodFaces(List<WiderAnnotations.Face> faces, int[] size, ClipSpec spec) {
        double scale = CameraPath.baseScale(size[0], size[1], spec.width(), spec.height());
        return WiderAnnotations.usable(faces).stream().filter(f -> f.h() * scale >= GOOD_FACE_PX).count();
    }

    private static int[] imageSize(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException(file + ": cannot be read");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(file + ": not an image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[]{reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }

    static Clip make(ClipSpec spec, String name, Path images, String image, int[] size,
                     List<WiderAnnotations.Face> faces, Path out, double duration, long seed, int crf,
                     String preset) throws Exception {
        int frames = (int) Math.round(duration * spec.fps());
        double seconds = frames / spec.fps();
        Path video = out.resolve(name + ".mp4");
        Path csv = out.resolve(name + ".gt.csv");
        Path sidecar = out.resolve(name + ".json");
        Clip planned = new Clip(name, video.getFileName().toString(), csv.getFileName().toString(), image,
                size[0], size[1], spec.width(), spec.height(), spec.rate(), spec.fps(), frames, seconds, seed,
                crf, preset, faces.size(), 0, 0, 0);
        if (Files.isRegularFile(video) && Files.isRegularFile(csv) && Files.isRegularFile(sidecar)) {
            Clip existing = JSON.readValue(sidecar.toFile(), Clip.class);
            if (existing.sameSettings(planned)) {
                System.err.println(name + ": up to date");
                return existing;
            }
        }
        long started = System.nanoTime();
        CameraPath path = CameraPath.random(seed, size[0], size[1], spec.width(), spec.height(), seconds, faces);
        Path partialVideo = out.resolve(name + ".partial.mp4");
        Path partialCsv = out.resolve(name + ".gt.csv.partial");
        List<String> command = List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "bgr24", "-video_size", spec.width() + "x" + spec.height(),
                "-framerate", spec.rate(), "-i", "-",
                "-f", "lavfi", "-i", String.format(Locale.ROOT, "sine=frequency=440:sample_rate=48000:duration=%.6f", seconds),
                "-map", "0:v:0", "-map", "1:a:0",
                "-c:v", "libx264", "-preset", preset, "-crf", Integer.toString(crf), "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", partialVideo.toString());
        Process ffmpeg = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int faceFrames = 0;
        int big = 0;
        Mat src = imread(images.resolve(image).toString());
        if (src.empty()) {
            throw new IOException(image + ": cannot be decoded");
        }
        Mat dst = new Mat(spec.height(), spec.width(), CV_8UC3);
        Mat m = new Mat(2, 3, CV_64F);
        byte[] bytes = new byte[spec.width() * spec.height() * 3];
        Size outSize = new Size(spec.width(), spec.height());
        Scalar border = new Scalar();
        try (OutputStream pipe = new BufferedOutputStream(ffmpeg.getOutputStream(), 1 << 20);
             PrintWriter gt = new PrintWriter(Files.newBufferedWriter(partialCsv))) {
            for (int i = 0; i < frames; i++) {
                CameraPath.View view = path.at(i / spec.fps());
                double s = view.scale(spec.width());
                // Pixel-edge coordinates X' = s (X - viewX); OpenCV maps pixel centres, hence the half pixels.
                double tx = s * (0.5 - view.x()) - 0.5;
                double ty = s * (0.5 - view.y()) - 0.5;
                try (DoubleIndexer idx = m.createIndexer()) {
                    idx.put(0, 0, s).put(0, 1, 0).put(0, 2, tx).put(1, 0, 0).put(1, 1, s).put(1, 2, ty);
                }
                warpAffine(src, dst, m, outSize, INTER_LINEAR, BORDER_REPLICATE, border);
                BytePointer data = dst.data();
                data.get(bytes);
                pipe.write(bytes);
                for (int id = 1; id <= faces.size(); id++) {
                    WiderAnnotations.Face f = faces.get(id - 1);
                    double x0 = Math.max(0, s * (f.x() - view.x()));
                    double y0 = Math.max(0, s * (f.y() - view.y()));
                    double x1 = Math.min(spec.width(), s * (f.x() + f.w() - view.x()));
                    double y1 = Math.min(spec.height(), s * (f.y() + f.h() - view.y()));
                    if (x1 - x0 < 1 || y1 - y0 < 1) {
                        continue; // out of the picture
                    }
                    gt.printf(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f%n", i + 1, id, x0, y0, x1 - x0, y1 - y0);
                    faceFrames++;
                    if (y1 - y0 >= GOOD_FACE_PX) {
                        big++;
                    }
                }
            }
        } finally {
            src.close();
            dst.close();
            m.close();
        }
        int rc = ffmpeg.waitFor();
        if (rc != 0) {
            throw new IOException("ffmpeg failed (exit " + rc + ") making " + video);
        }
        Files.move(partialVideo, video, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partialCsv, csv, StandardCopyOption.REPLACE_EXISTING);
        Clip clip = new Clip(name, planned.video(), planned.gt(), image, size[0], size[1], spec.width(),
                spec.height(), spec.rate(), spec.fps(), frames, seconds, seed, crf, preset, faces.size(),
                faceFrames, big, (double) faceFrames / frames);
        JSON.writeValue(sidecar.toFile(), clip);
        System.err.printf(Locale.ROOT, "%s: %s, %d frames, %d face-frames (%d >= 24 px) from %s in %.1f s%n", name,
                spec.width() + "x" + spec.height() + "@" + spec.rate(), frames, faceFrames, big, image,
                (System.nanoTime() - started) / 1e9);
        return clip;
    }
}
