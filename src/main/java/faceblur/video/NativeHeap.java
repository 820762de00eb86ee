package faceblur.video;

import com.sun.jna.Function;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes memory that native code gets from malloc start as zeros, whatever it held before.
 *
 * <p>x264 reads memory it allocated and never wrote when its macroblock tree (on in every preset but
 * {@code ultrafast}) looks ahead over B-frames, and its rate control follows what it finds. The same frames
 * then came out as different bytes depending on what the process had done before: the studio's export differed
 * from {@code redact --project} about one time in five while it served pages, and FFmpeg's own command line
 * does the same under {@code MALLOC_PERTURB_} (docs/studio.md). Turning the macroblock tree off costs
 * 45-58 % larger files and B-frames off 13-31 %; a fill byte for new allocations costs nothing measurable.
 *
 * <p>glibc's {@code mallopt(M_PERTURB, 0xff)} fills each allocation with {@code 0xff ^ 0xff = 0}, as fresh
 * pages from the kernel are, and each freed block with {@code 0xff} (decoded pictures do not linger in freed
 * memory either). Elsewhere than on glibc nothing is done. Blocks a thread freed and takes again from glibc's
 * per-thread cache are not filled: the launchers turn that cache off ({@code GLIBC_TUNABLES}).
 */
public final class NativeHeap {

    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);
    /** glibc's malloc.h: {@code #define M_PERTURB -6}. */
    private static final int M_PERTURB = -6;
    private static final int FREED_FILL = 0xff;
    private static boolean done;

    private NativeHeap() {
    }

    /**
     * Hands the free memory inside glibc's heaps back to the system ({@code malloc_trim(0)}): freed blocks in the
     * middle of a heap stay resident otherwise, and blocks freed on one thread's arena are not reused by threads
     * on other arenas. Between the passes, the detectors' freed working memory (some 200 MB at 1080p) would
     * otherwise sit under the render's decoder and encoder. New blocks start as zeros either way, so the
     * render's bytes do not change. Elsewhere than on glibc nothing is done.
     */
    public static void returnFreeMemory() {
        if (!Platform.isLinux() || Platform.isAndroid()) {
            return;
        }
        try {
            Function.getFunction(Platform.C_LIBRARY_NAME, "malloc_trim").invokeInt(new Object[] {0});
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("no malloc_trim here: {}", e.getMessage());
        }
    }

    /** Once per process, before the first encoder opens; later calls do nothing. */
    public static synchronized void zeroNewAllocations() {
        if (done) {
            return;
        }
        done = true;
        if (!Platform.isLinux() || Platform.isAndroid()) {
            return;
        }
        try {
            int ok = Function.getFunction(Platform.C_LIBRARY_NAME, "mallopt").invokeInt(new Object[] {M_PERTURB, FREED_FILL});
            if (ok != 1) {
                LOG.warn("mallopt(M_PERTURB) refused: the same video may encode to different bytes from run to run");
            }
        } catch (UnsatisfiedLinkError e) {
            // Not glibc (musl has no mallopt): outputs stay correct, only not always the same bytes.
            LOG.debug("no mallopt here: {}", e.getMessage());
        }
    }
}
