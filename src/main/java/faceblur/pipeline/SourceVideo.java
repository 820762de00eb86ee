package faceblur.pipeline;

import faceblur.FaceblurException;
import faceblur.FileErrors;
import faceblur.storage.ObjectStore;
import faceblur.storage.StorageException;
import faceblur.storage.StoredObject;
import faceblur.video.VideoInfo;
import faceblur.video.VideoReader;

import java.nio.file.Path;

/**
 * A job's source on this node, as the version the job was made for, checked to be a video: the node's cached copy
 * when an earlier step of the job ran here, else downloaded into the cache. The store is asked for the object's
 * ETag every time (a replaced object fails its old job), and the copy must have the size the store gives.
 *
 * @param path where the step reads it; the step's work folder holds it until the step ends
 */
record SourceVideo(Path path, VideoInfo info) {

    static SourceVideo fetch(ObjectStore store, SourceCache cache, PipelineJob job, WorkFolder folder,
                             StepClock clock) {
        Path path = download(store, cache, job, folder, clock);
        try {
            return new SourceVideo(path, VideoReader.probe(path));
        } catch (FaceblurException e) {
            throw new PermanentFailure(job.source().location() + " is not a video faceblur can read: "
                    + FileErrors.naming(e.getMessage(), path, job.source().location().toString()));
        }
    }

    /** The source file, not yet checked to be anything: the cached copy, or downloaded into the cache. */
    static Path download(ObjectStore store, SourceCache cache, PipelineJob job, WorkFolder folder, StepClock clock) {
        ObjectVersion source = job.source();
        SourceCache.Lease lease;
        try {
            StoredObject now = store.head(source.location());
            if (!source.eTag().equals(ObjectVersion.of(now).eTag())) {
                throw new PermanentFailure(source.location() + " changed since it was announced (ETag "
                        + ObjectVersion.of(now).eTag() + " instead of " + source.eTag()
                        + "); the new version is a job of its own");
            }
            lease = folder.hold(cache.acquire(job.id(), source, now.size(),
                    target -> store.download(source.location(), target)));
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.TRANSIENT) {
                throw e;
            }
            throw new PermanentFailure(e.getMessage());
        }
        clock.source(lease.hit());
        return lease.path();
    }
}
