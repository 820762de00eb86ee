package faceblur.studio;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Videos uploaded from the page: the body is streamed to disk, never held in memory, and refused as soon as it
 * is known to pass the size limit, by its declared length before a byte is read or by counting. The file
 * appears under its name (or name-2, name-3, ...) only when complete.
 */
final class Uploads {

    private static final int BUFFER = 1 << 16;

    private Uploads() {
    }

    static Path receive(Context ctx, Path folder, String name, long maxBytes) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(name, declared, maxBytes);
        }
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, "." + name + ".", ".partial");
        try {
            long total = 0;
            try (InputStream in = ctx.bodyInputStream(); OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[BUFFER];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (total > maxBytes) {
                        throw tooLarge(name, total, maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (total == 0) {
                throw new StudioException(400, name + ": the upload is empty");
            }
            return claim(folder, name, partial);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Moves the upload to the first free name: an upload never replaces an earlier one. */
    private static Path claim(Path folder, String name, Path partial) throws IOException {
        int dot = name.lastIndexOf('.');
        for (int n = 1; ; n++) {
            Path target = folder.resolve(n == 1 ? name : name.substring(0, dot) + "-" + n + name.substring(dot));
            try {
                Files.createFile(target);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } catch (FileAlreadyExistsException e) {
                // taken: try the next name
            }
        }
    }

    /** Bytes as people say them: 10 GB, 500 MB, 1.5 kB. */
    static String readable(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    private static StudioException tooLarge(String name, long bytes, long max) {
        return new StudioException(413, name + " is larger than " + readable(max) + ", the most this studio accepts (--max-video-size); blur it with faceblur blur, or start the "
                + "studio with a larger --max-video-size");
    }
}
