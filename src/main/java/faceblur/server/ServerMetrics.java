package faceblur.server;

import faceblur.engine.ProgressListener;
import faceblur.jobs.FaceDetectionJobs;
import faceblur.jobs.JobState;
import faceblur.pipeline.PipelineJobs;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The service's Prometheus metrics: jobs by state and queue length (read from the job store at each scrape, so
 * every node of a cluster reports the shared truth), pipeline jobs by state, S3 event records by outcome,
 * frames analysed by this node and their recent rate, and API requests by operation and outcome.
 */
final class ServerMetrics {

    private static final int RATE_WINDOW_SECONDS = 10;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter frames;
    private final Counter requests;
    private final Counter s3Events;
    /** Frames counted per wall-clock second, in a ring of the last few seconds: the recent frame rate. */
    private final AtomicLongArray framesBySecond = new AtomicLongArray(RATE_WINDOW_SECONDS + 1);
    private final AtomicLongArray secondOfSlot = new AtomicLongArray(RATE_WINDOW_SECONDS + 1);

    ServerMetrics(FaceDetectionJobs jobs, PipelineJobs pipeline) {
        GaugeWithCallback.builder().name("faceblur_jobs").help("Face-detection jobs by state.")
                .labelNames("state")
                .callback(cb -> {
                    Map<JobState, Integer> counts = jobs.countByState();
                    for (JobState state : JobState.values()) {
                        cb.call(counts.getOrDefault(state, 0), state.name());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("faceblur_pipeline_jobs").help("Blur-on-upload pipeline jobs by state.")
                .labelNames("state")
                .callback(cb -> pipeline.countByState().forEach((state, n) -> cb.call(n, state.label())))
                .register(registry);
        s3Events = Counter.builder().name("faceblur_s3_event_records_total")
                .help("Records of S3 event notifications received by this node, by what became of them.")
                .labelNames("outcome").register(registry);
        GaugeWithCallback.builder().name("faceblur_job_queue_length")
                .help("Jobs accepted and not yet started.")
                .callback(cb -> cb.call(jobs.queued()))
                .register(registry);
        GaugeWithCallback.builder().name("faceblur_frames_per_second")
                .help("Frames analysed per second by this node over the last " + RATE_WINDOW_SECONDS + " s.")
                .callback(cb -> cb.call(recentFrameRate()))
                .register(registry);
        frames = Counter.builder().name("faceblur_frames_analysed_total")
                .help("Video frames analysed by this node.").register(registry);
        requests = Counter.builder().name("faceblur_api_requests_total")
                .help("Rekognition API requests by operation and outcome (200 or the error type).")
                .labelNames("operation", "outcome").register(registry);
    }

    void s3Events(String outcome, int records) {
        s3Events.labelValues(outcome).inc(records);
    }

    void request(String operation, String outcome) {
        requests.labelValues(operation, outcome).inc();
    }

    /** A listener that counts every frame a job analyses. */
    ProgressListener frameCounter() {
        return new ProgressListener() {
            @Override
            public void begin(String task, long totalFrames) {
            }

            @Override
            public void frameDone() {
                frames.inc();
                countFrameNow();
            }

            @Override
            public void end() {
            }
        };
    }

    private void countFrameNow() {
        long second = System.currentTimeMillis() / 1000;
        int slot = (int) (second % framesBySecond.length());
        long previous = secondOfSlot.getAndSet(slot, second);
        if (previous != second) {
            framesBySecond.set(slot, 0);
        }
        framesBySecond.incrementAndGet(slot);
    }

    private double recentFrameRate() {
        long now = System.currentTimeMillis() / 1000;
        long total = 0;
        for (int slot = 0; slot < framesBySecond.length(); slot++) {
            long second = secondOfSlot.get(slot);
            // the current second is still filling up: count only whole seconds
            if (second < now && now - second <= RATE_WINDOW_SECONDS) {
                total += framesBySecond.get(slot);
            }
        }
        return (double) total / RATE_WINDOW_SECONDS;
    }

    String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
