package faceblur.review;

import faceblur.FaceblurException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * A file known by its content: the video a project was made from (a project renders no other), or the model
 * that found its faces.
 *
 * @param name   the file's name when it was read, for people; the content is what identifies it
 * @param sha256 the SHA-256 of its bytes, in lower-case hex
 * @param bytes  its size
 */
public record SourceFile(String name, String sha256, long bytes) {

    private static final int CHUNK = 1 << 20;

    /** Reads {@code file} once; {@code bytesRead} hears the running total after every megabyte. */
    public static SourceFile of(Path file, LongConsumer bytesRead) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[CHUNK];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                total += n;
                bytesRead.accept(total);
                if (Thread.currentThread().isInterrupted()) {
                    throw new FaceblurException(file + ": interrupted while reading");
                }
            }
            return new SourceFile(file.getFileName().toString(), HexFormat.of().formatHex(sha.digest()), total);
        } catch (IOException e) {
            throw new FaceblurException(file + ": cannot be read (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SourceFile of(Path file) {
        return of(file, bytes -> { });
    }

    /** Fails unless {@code file} holds the same bytes; returns what was read of it. */
    public SourceFile requireSameContent(Path file, LongConsumer bytesRead) {
        SourceFile actual = of(file, bytesRead);
        if (!actual.sha256.equals(sha256)) {
            throw new FaceblurException(file + ": is not the video this project was made from (its SHA-256 is "
                    + actual.sha256 + ", the project's " + name + " has " + sha256 + "); open it in the studio "
                    + "as a new project");
        }
        return actual;
    }
}
