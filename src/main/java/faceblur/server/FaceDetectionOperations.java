package faceblur.server;

import com.fasterxml.jackson.databind.util.RawValue;
import faceblur.jobs.FaceDetectionJobs;
import faceblur.jobs.IdempotencyMismatchException;
import faceblur.jobs.Job;
import faceblur.jobs.JobSpec;
import faceblur.jobs.JobState;
import faceblur.jobs.QueueFullException;
import faceblur.rekognition.ErrorType;
import faceblur.rekognition.GetFaceDetectionRequest;
import faceblur.rekognition.GetFaceDetectionResponse;
import faceblur.rekognition.NotificationChannel;
import faceblur.rekognition.PageTokens;
import faceblur.rekognition.RekognitionException;
import faceblur.rekognition.S3Object;
import faceblur.rekognition.StartFaceDetectionRequest;
import faceblur.rekognition.StartFaceDetectionResponse;
import faceblur.rekognition.Video;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.storage.StorageException;
import faceblur.storage.StoredObject;


/**
 * StartFaceDetection and GetFaceDetection with Rekognition's semantics, over faceblur's storage and job store:
 * a job is accepted only for a readable object within the limits, a retried request with the same
 * ClientRequestToken gets the same job, and results are paged with opaque tokens that survive a restart.
 */
final class FaceDetectionOperations {

    private static final String DEFAULT_ATTRIBUTES = "DEFAULT";
    /** About 100 pages of 1000 faces. */
    private static final long PAGE_CACHE_CHARS = 64L << 20;

    private final ObjectStore store;
    private final FaceDetectionJobs jobs;
    private final PageTokens tokens;
    private final ServiceLimits limits;
    private final FacePageCache pages = new FacePageCache(PAGE_CACHE_CHARS);

    FaceDetectionOperations(ObjectStore store, FaceDetectionJobs jobs, PageTokens tokens, ServiceLimits limits) {
        this.store = store;
        this.jobs = jobs;
        this.tokens = tokens;
        this.limits = limits;
    }

    StartFaceDetectionResponse start(StartFaceDetectionRequest request) {
        S3Object object = request.video().s3Object();
        S3Location location = location(object);
        StoredObject stored = head(location);
        if (stored.size() > limits.maxVideoBytes()) {
            throw new RekognitionException(ErrorType.VIDEO_TOO_LARGE, location + " is " + stored.size()
                    + " bytes; this service accepts videos up to " + limits.maxVideoBytes() + " bytes.");
        }
        NotificationChannel channel = request.notificationChannel();
        JobSpec spec = new JobSpec(object.bucket(), object.name(), object.version(),
                request.faceAttributes() == null ? DEFAULT_ATTRIBUTES : request.faceAttributes(), request.jobTag(),
                channel == null ? null : channel.snsTopicArn(), channel == null ? null : channel.roleArn());
        try {
            return new StartFaceDetectionResponse(jobs.submit(spec, request.clientRequestToken()).jobId());
        } catch (IdempotencyMismatchException e) {
            throw new RekognitionException(ErrorType.IDEMPOTENT_PARAMETER_MISMATCH,
                    "ClientRequestToken " + request.clientRequestToken()
                            + " was already used with different parameters.");
        } catch (QueueFullException e) {
            throw new RekognitionException(ErrorType.LIMIT_EXCEEDED,
                    "Too many jobs are waiting: " + e.getMessage() + " Retry after some have finished.");
        }
    }

    GetFaceDetectionResponse get(GetFaceDetectionRequest request) {
        Job job = jobs.find(request.jobId()).orElseThrow(() -> new RekognitionException(
                ErrorType.RESOURCE_NOT_FOUND, "No face-detection job with JobId " + request.jobId()
                + " (unknown, or its results have expired)."));
        int offset = request.firstPage() ? 0 : tokens.offsetOf(request.nextToken(), job.jobId());
        int max = request.pageSize();
        RawValue faces = null;
        String next = null;
        if (job.state() == JobState.SUCCEEDED) {
            int end = Math.min(job.faceCount(), offset + max);
            faces = new RawValue(pages.page(job.jobId(), offset, max, () -> jobs.faces(job.jobId(), offset, max)));
            next = end < job.faceCount() ? tokens.issue(job.jobId(), end) : null;
        }
        JobSpec spec = job.spec();
        return new GetFaceDetectionResponse(job.state().name(), job.statusMessage(), job.videoMetadata(), next,
                faces, job.jobId(),
                new Video(new S3Object(spec.bucket(), spec.key(), spec.version())),
                spec.jobTag());
    }

    private static S3Location location(S3Object object) {
        try {
            return new S3Location(object.bucket(), object.name(), object.version());
        } catch (StorageException e) {
            throw new RekognitionException(ErrorType.INVALID_S3_OBJECT, e.getMessage());
        }
    }

    private StoredObject head(S3Location location) {
        try {
            return store.head(location);
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.TRANSIENT) {
                throw new RekognitionException(ErrorType.INTERNAL_SERVER_ERROR,
                        "Storage is not answering; retry later (" + e.getMessage() + ").");
            }
            throw new RekognitionException(ErrorType.INVALID_S3_OBJECT,
                    "Unable to get object metadata from S3: " + e.getMessage());
        }
    }
}
