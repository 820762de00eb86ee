package faceblur.video;

import com.sun.jna.Platform;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Memory freed in the middle of glibc's heap stays resident until it is handed back: the detectors' freed working
 * memory would otherwise sit under the render's (bench/memory). Blocks below the size glibc maps on its own, all
 * freed but the last one, which keeps the heap's top in place as a session's or a decoder's later block does.
 */
class NativeHeapTest {

    private static final int BLOCK = 64 * 1024;
    private static final int BLOCKS = 3200; // 200 MiB

    @Test
    void freedBlocksInTheMiddleOfTheHeapGoBackToTheSystem() throws Exception {
        assumeThat(Platform.isLinux()).as("glibc's malloc_trim").isTrue();
        Pointer cap = null;
        long beforeTrim;
        List<Pointer> blocks = new ArrayList<>();
        try {
            for (int i = 0; i < BLOCKS; i++) {
                Pointer p = Pointer.malloc(BLOCK);
                assertThat(p).isNotNull();
                Pointer.memset(p, 1, BLOCK); // resident, as a session's buffers are
                blocks.add(p);
            }
            cap = Pointer.malloc(BLOCK);
            blocks.forEach(Pointer::free);
            blocks.clear();
            beforeTrim = residentKib();
            NativeHeap.returnFreeMemory();
        } finally {
            blocks.forEach(Pointer::free);
            if (cap != null) {
                Pointer.free(cap);
            }
        }
        long returned = beforeTrim - residentKib();
        assertThat(returned).as("KiB of 200 MiB freed that went back to the system").isGreaterThan(150 * 1024);
    }

    private static long residentKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
