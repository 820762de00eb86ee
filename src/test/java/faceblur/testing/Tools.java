package faceblur.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Debian's ffmpeg and ffprobe, run as separate processes: checks that do not trust faceblur's own decoder. */
public final class Tools {

    private Tools() {
    }

    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    public static Result run(List<String> command, Path workDir) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        return run(pb);
    }

    public static Result run(ProcessBuilder pb) {
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            int rc = p.waitFor();
            return new Result(rc, out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result checked(List<String> command) {
        Result r = run(command, null);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + r.stderr());
        }
        return r;
    }

    public static void ffmpeg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
        cmd.addAll(Arrays.asList(args));
        checked(cmd);
    }

    /** ffprobe with the given arguments, output as text. */
    public static String ffprobe(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(Arrays.asList(args));
        return checked(cmd).out().trim();
    }

    /** One field of one stream, e.g. {@code stream("v:0", "avg_frame_rate", file)}. */
    public static String stream(String selector, String field, Path file) {
        // MPEG-TS lists each stream twice (in its program and on its own): the first answer is the one.
        return ffprobe("-select_streams", selector, "-show_entries", "stream=" + field,
                "-of", "default=nw=1:nk=1", file.toString()).lines().findFirst().orElse("");
    }

    /** The presentation times (seconds) of every video frame, as ffprobe decodes them. */
    public static List<Double> frameTimes(Path file) {
        String out = ffprobe("-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0",
                file.toString());
        // AVI frames may carry no pts; ffprobe's best-effort time is what players use. NaN: no time at all.
        return out.lines().map(l -> l.replace(",", "").trim()).filter(l -> !l.isEmpty())
                .map(l -> l.equals("N/A") ? Double.NaN : Double.parseDouble(l)).toList();
    }

    /** The worst frame's PSNR (dB) of {@code a} against {@code b}, by ffmpeg's psnr filter; infinite if equal. */
    public static double minPsnr(Path a, Path b) {
        Result result = run(List.of("ffmpeg", "-nostdin", "-i", a.toString(), "-i", b.toString(),
                "-lavfi", "[0:v][1:v]psnr", "-f", "null", "-"), null);
        java.util.regex.Matcher min = java.util.regex.Pattern.compile("min:([0-9.]+|inf)").matcher(result.stderr());
        if (!min.find()) {
            throw new AssertionError("no PSNR from ffmpeg: " + result.stderr());
        }
        return min.group(1).equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(min.group(1));
    }

    /** MD5 of every packet of one stream, copied out without decoding. */
    public static String packetHash(Path file, String selector) {
        List<String> cmd = List.of("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(), "-map", "0:" + selector,
                "-c", "copy", "-f", "md5", "-");
        return checked(cmd).out().trim();
    }

    /** MD5 of the first audio stream decoded to samples by ffmpeg. */
    public static String decodedAudioHash(Path file) {
        List<String> cmd = List.of("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(), "-map", "0:a:0",
                "-f", "md5", "-");
        // Checked: two files ffmpeg fails on would otherwise hash alike (both empty) and compare equal.
        return checked(cmd).out().trim();
    }

    /** Frame number {@code n} (from 0), decoded by ffmpeg, as 8-bit gray, row-major. */
    public static Gray grayFrame(Path file, int n) {
        String size = ffprobe("-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x",
                file.toString());
        String[] wh = size.split("x");
        List<String> cmd = List.of("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(),
                "-vf", "select=eq(n\\," + n + ")", "-fps_mode", "passthrough", "-frames:v", "1",
                "-f", "rawvideo", "-pix_fmt", "gray", "-");
        byte[] pixels = checked(cmd).stdout();
        return new Gray(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), pixels);
    }

    /** Every frame, decoded by ffmpeg, as 8-bit gray: for checks over many frames of a short clip. */
    public static List<Gray> grayFrames(Path file) {
        String size = ffprobe("-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x",
                file.toString());
        String[] wh = size.split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        byte[] all = checked(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(), "-fps_mode", "passthrough",
                "-f", "rawvideo", "-pix_fmt", "gray", "-")).stdout();
        List<Gray> frames = new ArrayList<>();
        for (int at = 0; at + w * h <= all.length; at += w * h) {
            frames.add(new Gray(w, h, Arrays.copyOfRange(all, at, at + w * h)));
        }
        return frames;
    }

    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
