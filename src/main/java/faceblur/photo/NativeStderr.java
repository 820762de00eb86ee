package faceblur.photo;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Runs native code with its standard error (file descriptor 2) captured. OpenCV's libjpeg and libpng write their
 * warnings and errors there themselves ("libpng error: IHDR: CRC error", "Corrupt JPEG data: premature end of
 * data segment"), beside faceblur's own one line, and OpenCV offers no way to turn them off: so the descriptor is
 * pointed at an in-memory file while the decoder runs and what it wrote is handed back, for faceblur to word.
 *
 * <p>Descriptor 2 belongs to the whole process, so captures take turns, and while one runs Java's
 * {@code System.err} is held in a buffer and written out afterwards: another thread's line is delayed by the
 * decode, never lost or mistaken for the library's. Where the descriptor cannot be moved (no memfd_create, no
 * C library), the code runs uncaptured, as before.
 */
final class NativeStderr {

    /** What the code returned and what native code wrote to standard error meanwhile (empty when nothing). */
    record Captured<T>(T value, String text) {
    }

    private interface LibC extends Library {
        int memfd_create(String name, int flags);

        int dup(int fd);

        int dup2(int from, int to);

        int close(int fd);

        int fflush(Pointer stream);
    }

    private static final int STDERR = 2;
    private static final LibC C = load();

    private NativeStderr() {
    }

    private static LibC load() {
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    static synchronized <T> Captured<T> capture(Supplier<T> nativeCode) {
        int memory = C == null ? -1 : C.memfd_create("faceblur-stderr", 0);
        int saved = memory < 0 ? -1 : C.dup(STDERR);
        if (saved < 0) {
            if (memory >= 0) {
                C.close(memory);
            }
            return new Captured<>(nativeCode.get(), "");
        }
        PrintStream javaErr = System.err;
        javaErr.flush();
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
        C.dup2(memory, STDERR);
        try {
            T value = nativeCode.get();
            return new Captured<>(value, read(memory));
        } finally {
            C.fflush(null); // C's stderr is unbuffered, but a library may have written through its own stream
            C.dup2(saved, STDERR);
            C.close(saved);
            C.close(memory);
            System.setErr(javaErr);
            javaErr.write(held.toByteArray(), 0, held.size());
            javaErr.flush();
        }
    }

    private static String read(int memory) {
        C.fflush(null);
        try {
            return new String(Files.readAllBytes(Path.of("/proc/self/fd/" + memory)), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
