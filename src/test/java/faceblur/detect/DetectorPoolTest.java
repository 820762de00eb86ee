package faceblur.detect;

import faceblur.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

class DetectorPoolTest {

    /**
     * A server that stops interrupts its jobs, and a job closes its detectors on the way out. Freeing a session
     * under a running detection crashed the process (SIGSEGV in OrtSession.run). close() must wait for the
     * running frame even when interrupted, and must leave the interrupt set for the caller.
     */
    @Test
    void closingWhileInterruptedWaitsForTheRunningDetection() throws Exception {
        DetectorSettings one = new DetectorSettings(DetectorSettings.DEFAULT_THRESHOLD, 0.3, 1.0, 1);
        DetectorPool pool = new DetectorPool(Media.model(), one);
        // Large enough to take most of a second on one core.
        Future<List<Detection>> running = pool.submit(new Mat(3000, 3000, CV_8UC3, new Scalar(90, 120, 150, 0)));
        Future<List<Detection>> queued = pool.submit(new Mat(64, 64, CV_8UC3, new Scalar(0, 0, 0, 0)));
        Thread.sleep(200);
        Thread.currentThread().interrupt();
        pool.close();
        boolean stillInterrupted = Thread.interrupted();
        assertThat(running.isDone()).as("the running detection finished before its session was freed").isTrue();
        assertThat(queued.isDone()).as("the frame never started is cancelled, not left pending").isTrue();
        assertThat(stillInterrupted).as("the interrupt is passed on").isTrue();
    }

    /**
     * trim() frees the sessions' memory before a render; the next detection opens them again and must find the
     * same faces, and a session detecting while the pool is trimmed is left alone (freeing it would crash).
     */
    @Test
    void aTrimmedPoolReopensItsSessionsAndFindsTheSameFaces() throws Exception {
        DetectorSettings two = new DetectorSettings(DetectorSettings.DEFAULT_THRESHOLD, 0.3, 1.0, 2);
        Path frame = Media.fixture("megamind-frame-40.png", "-i", Media.media("megamind.mp4").toString(),
                "-vf", "select=eq(n\\,40)", "-frames:v", "1");
        try (DetectorPool pool = new DetectorPool(Media.model(), two)) {
            List<Detection> before = pool.submit(imread(frame.toString())).get();
            assertThat(before).as("faces on the frame").isNotEmpty();
            Future<List<Detection>> busy = pool.submit(new Mat(3000, 3000, CV_8UC3, new Scalar(90, 120, 150, 0)));
            Thread.sleep(100);
            pool.trim();
            assertThat(busy.get()).as("the session detecting during the trim").isEmpty();
            pool.trim();
            List<Future<List<Detection>>> after = List.of(pool.submit(imread(frame.toString())),
                    pool.submit(imread(frame.toString())));
            for (Future<List<Detection>> again : after) {
                assertThat(again.get()).isEqualTo(before);
            }
        }
    }
}
