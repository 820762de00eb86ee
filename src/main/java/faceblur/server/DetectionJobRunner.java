package faceblur.server;

import faceblur.FaceblurException;
import faceblur.FileErrors;
import faceblur.engine.FaceBlur;
import faceblur.jobs.Job;
import faceblur.jobs.JobFailedException;
import faceblur.jobs.JobOutcome;
import faceblur.jobs.JobRunner;
import faceblur.rekognition.FaceDetectionResult;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.storage.StorageException;
import faceblur.video.VideoInfo;
import faceblur.video.VideoReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One face-detection job: fetch the video from storage into a private folder, check it against the limits,
 * run the same engine as {@code faceblur detect}, and remove the folder whatever happens. A video that cannot
 * be used fails the job at once with the reason; storage that is briefly away is left to the job's retries.
 */
final class DetectionJobRunner implements JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionJobRunner.class);

    private final ObjectStore store;
    private final FaceBlur engine;
    private final Path workRoot;
    private final ServiceLimits limits;
    private final ServerMetrics metrics;

    DetectionJobRunner(ObjectStore store, FaceBlur engine, Path workRoot, ServiceLimits limits, ServerMetrics metrics) {
        this.store = store;
        this.engine = engine;
        this.workRoot = workRoot;
        this.limits = limits;
        this.metrics = metrics;
    }

    @Override
    public JobOutcome run(Job job) throws IOException, JobFailedException {
        Path dir = Files.createDirectories(workRoot).resolve(job.jobId());
        try {
            Files.createDirectories(dir);
            Path video = dir.resolve("video");
            S3Location location = new S3Location(job.spec().bucket(), job.spec().key(), job.spec().version());
            try {
                download(location, video);
                checkDuration(location, video);
                FaceDetectionResult result = detect(location, video);
                return new JobOutcome(result.videoMetadata(), result.faces());
            } catch (JobFailedException e) {
                // The client sees the object it named; the server's log keeps where it was worked on.
                LOG.warn("job {} failed: {}", job.jobId(), e.getMessage());
                String named = FileErrors.naming(e.getMessage(), video, location.toString());
                throw new JobFailedException(named.replace(location + ": " + location, location.toString()), e);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private void download(S3Location location, Path video) throws JobFailedException {
        try {
            store.download(location, video);
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.TRANSIENT) {
                throw e;
            }
            throw new JobFailedException("Unable to get object " + location + ": " + e.getMessage());
        }
    }

    private FaceDetectionResult detect(S3Location location, Path video) throws JobFailedException {
        try {
            return engine.detectFaces(video, metrics.frameCounter());
        } catch (FaceblurException e) {
            throw new JobFailedException(location + ": " + e.getMessage());
        }
    }

    private void checkDuration(S3Location location, Path video) throws JobFailedException {
        VideoInfo info;
        try {
            info = VideoReader.probe(video);
        } catch (FaceblurException e) {
            throw new JobFailedException(location + ": " + e.getMessage());
        }
        Duration length = Duration.ofNanos(info.durationMicros() * 1000);
        if (length.compareTo(limits.maxVideoDuration()) > 0) {
            throw new JobFailedException(location + " is " + length.toSeconds() + " s long; this service accepts "
                    + "videos up to " + limits.maxVideoDuration().toSeconds() + " s (VideoTooLarge).");
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
