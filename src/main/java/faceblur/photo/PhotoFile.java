package faceblur.photo;

import faceblur.FaceblurException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

/**
 * Reading and writing photo files. A photo is read whole and checked before it is decoded: decoders fill the
 * missing part of a truncated JPEG with grey and call it a picture, and a redaction tool must not pass a damaged
 * file off as processed. Written photos hold pixels only: OpenCV's encoders write no EXIF, XMP, IPTC or ICC data.
 */
public final class PhotoFile {

    private PhotoFile() {
    }

    /**
     * The picture of {@code file}, 8-bit BGR, upright: an EXIF orientation is applied (OpenCV does that for
     * {@code IMREAD_COLOR}), so the pixels are as a viewer shows them. Transparency is dropped.
     */
    public static Mat read(Path file, PhotoFormat format) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new FaceblurException(file + ": not a regular file"); // /dev/zero would be read for ever
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FaceblurException(file + ": no such file");
        } catch (IOException e) {
            throw new FaceblurException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (bytes.length == 0) {
            throw new FaceblurException(file + ": is empty");
        }
        String damage = damage(bytes, format);
        if (damage != null) {
            throw new FaceblurException(file + ": " + damage);
        }
        checkSize(file, bytes, format);
        NativeStderr.Captured<Mat> decoded = NativeStderr.capture(() -> decode(bytes));
        Mat picture = decoded.value();
        String said = libraryReason(decoded.text());
        if (picture == null || picture.empty()) {
            if (picture != null) {
                picture.close();
            }
            throw new FaceblurException(file + ": not a readable " + format.label() + " image ("
                    + (said.isEmpty() ? "damaged, or another kind of file" : said) + ")");
        }
        if (said.contains("premature end of data segment") || said.contains("Premature end of JPEG file")) {
            // libjpeg fills the missing rest with grey and calls it a picture: the file is cut short.
            picture.close();
            throw new FaceblurException(file + ": is truncated (" + said + ")");
        }
        return picture;
    }

    /** OpenCV's decode of the whole file, or null when OpenCV's own checks refused it. */
    private static Mat decode(byte[] bytes) {
        try (BytePointer data = new BytePointer(bytes); Mat encoded = new Mat(1, bytes.length,
                org.bytedeco.opencv.global.opencv_core.CV_8UC1, data)) {
            return imdecode(encoded, IMREAD_COLOR);
        } catch (RuntimeException e) {
            return null; // an assertion's text is no message for a user: the file cannot be read
        }
    }

    /**
     * The decoder's own first line, worded for a user: libpng's prefix dropped, OpenCV's bracketed log lines
     * skipped; other warnings (a JFIF revision, extraneous bytes) are left unsaid, as viewers leave them.
     */
    static String libraryReason(String text) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("["))
                .toList();
        String first = lines.stream().filter(l -> l.startsWith("libpng error: ")).findFirst()
                .orElse(lines.isEmpty() ? "" : lines.get(0));
        return first.replaceFirst("^libpng (error|warning): ", "");
    }

    /**
     * The most pixels a photo may have: 64 megapixels (a 9248x6936 phone camera) as 8-bit BGR is about 190 MB
     * before the detector's copies. A header can claim far more in a few hundred bytes (a 30000x30000 PNG of
     * 875 KB decoded for minutes, then ran out of memory), so the size is read from the header first.
     */
    public static final long MAX_PIXELS = 64_000_000L;

    /** Refuses, before decoding, a picture whose header announces more than {@link #MAX_PIXELS}. */
    static void checkSize(Path file, byte[] bytes, PhotoFormat format) {
        long[] size = size(bytes, format);
        if (size != null && size[0] * size[1] > MAX_PIXELS) {
            throw new FaceblurException(String.format(java.util.Locale.ROOT, "%s: its %dx%d picture is too large "
                            + "(at most %.0f megapixels, such as 9248x6936); scale it down first: ffmpeg -i %s "
                            + "-vf scale=4096:-2 smaller.%s", file, size[0], size[1], MAX_PIXELS / 1e6, file,
                    format.extension().substring(1)));
        }
    }

    /** Width and height as the file's header states them, or null when the header does not say. */
    static long[] size(byte[] b, PhotoFormat format) {
        ByteBuffer be = ByteBuffer.wrap(b);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (format) {
            case PNG:
                // IHDR is the first chunk: width and height, 4 bytes each, after signature, length and type.
                return b.length >= 24 ? new long[]{Integer.toUnsignedLong(be.getInt(16)), Integer.toUnsignedLong(be.getInt(20))} : null;
            case WEBP:
                return b.length >= 30 ? webpSize(b, le) : null;
            default:
                return jpegSize(b);
        }
    }

    /** VP8 (lossy), VP8L (lossless) or VP8X (extended) as the first chunk, each with its own size fields. */
    private static long[] webpSize(byte[] b, ByteBuffer le) {
        if (startsWith(b, "VP8X".getBytes(), 12)) {
            long w = (le.getInt(24) & 0xFFFFFF) + 1L;
            long h = ((le.getInt(27) & 0xFFFFFF)) + 1L;
            return new long[]{w, h};
        }
        if (startsWith(b, "VP8L".getBytes(), 12)) {
            int bits = le.getInt(21);
            return new long[]{(bits & 0x3FFF) + 1L, ((bits >>> 14) & 0x3FFF) + 1L};
        }
        if (startsWith(b, "VP8 ".getBytes(), 12)) {
            return new long[]{le.getShort(26) & 0x3FFF, le.getShort(28) & 0x3FFF};
        }
        return null;
    }

    /** The first start-of-frame segment's height and width, found by walking the segments by their lengths. */
    private static long[] jpegSize(byte[] b) {
        int at = 2;
        while (at + 9 <= b.length && (b[at] & 0xFF) == 0xFF) {
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                long h = ((b[at + 5] & 0xFF) << 8) | (b[at + 6] & 0xFF);
                long w = ((b[at + 7] & 0xFF) << 8) | (b[at + 8] & 0xFF);
                return new long[]{w, h};
            }
            if (marker == 0xDA || marker == 0xD9) {
                return null;
            }
            at += 2 + (((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF));
        }
        return null;
    }

    /** Writes {@code picture} to {@code target} (any name: the format is given) with no metadata. */
    public static void write(Mat picture, PhotoFormat format, Path target) {
        try (BytePointer encoded = new BytePointer()) {
            boolean ok;
            try (var parameters = format.encoderParameters()) {
                ok = imencode(format.extension(), picture, encoded, parameters);
            }
            if (!ok) {
                throw new FaceblurException(target + ": cannot encode the picture as " + format.label());
            }
            byte[] bytes = new byte[(int) encoded.limit()];
            encoded.get(bytes);
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new FaceblurException(target + ": cannot write (" + e.getMessage() + ")");
        }
    }

    /** Why the bytes are not a whole file of {@code format}, or null when they look whole. */
    static String damage(byte[] b, PhotoFormat format) {
        return switch (format) {
            case JPEG -> jpegDamage(b);
            case PNG -> pngDamage(b);
            case WEBP -> webpDamage(b);
        };
    }

    /**
     * A JPEG must start with SOI and have an EOI after its first scan. The segments before the scan are walked
     * by their lengths (an EXIF thumbnail holds its own EOI); inside entropy-coded data a 0xFF byte is always
     * followed by 0x00 or a restart marker, so the first FF D9 after the scan starts is the real end.
     */
    private static String jpegDamage(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return "not a JPEG image";
        }
        int at = 2;
        while (true) {
            while (at < b.length && (b[at] & 0xFF) == 0xFF && at + 1 < b.length && (b[at + 1] & 0xFF) == 0xFF) {
                at++; // fill bytes
            }
            if (at + 4 > b.length) {
                return "is truncated (the JPEG data ends before the picture)";
            }
            if ((b[at] & 0xFF) != 0xFF) {
                return "is damaged (a JPEG segment is not where its predecessor's length says)";
            }
            int marker = b[at + 1] & 0xFF;
            int length = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            if (marker == 0xDA) {
                for (int i = at + 2 + length; i + 1 < b.length; i++) {
                    if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                        return null;
                    }
                }
                return "is truncated (the JPEG image has no end marker)";
            }
            if (marker == 0xD9) {
                return "is damaged (the JPEG data ends before the picture)";
            }
            at += 2 + length;
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    /** The IEND chunk's type and its fixed CRC: every whole PNG ends with them. */
    private static final byte[] PNG_END = {'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private static String pngDamage(byte[] b) {
        if (!startsWith(b, PNG_SIGNATURE, 0)) {
            return "not a PNG image";
        }
        for (int i = b.length - PNG_END.length; i >= PNG_SIGNATURE.length; i--) {
            if (startsWith(b, PNG_END, i)) {
                return null;
            }
        }
        return "is truncated (the PNG image has no end chunk)";
    }

    /** A WebP file is a RIFF file: its header says how long it is. */
    private static String webpDamage(byte[] b) {
        if (b.length < 12 || !startsWith(b, "RIFF".getBytes(), 0) || !startsWith(b, "WEBP".getBytes(), 8)) {
            return "not a WebP image";
        }
        long declared = Integer.toUnsignedLong(ByteBuffer.wrap(b, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) + 8;
        if (b.length < declared) {
            return "is truncated (" + b.length + " of the " + declared + " bytes its WebP header announces)";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, byte[] prefix, int at) {
        if (at < 0 || at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
