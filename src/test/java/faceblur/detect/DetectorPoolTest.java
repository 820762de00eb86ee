package faceblur.detect;

import faceblur.testing.Media;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

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
}
