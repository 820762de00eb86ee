package faceblur.pipeline;

import faceblur.FaceblurException;
import faceblur.storage.ObjectStore;
import faceblur.storage.StorageException;
import faceblur.video.VideoInfo;
import faceblur.video.VideoReader;

import java.nio.file.Path;

/** Fetches a job's source to this node, as the version the job was made for, and checks that it is a video. */
final class SourceVideo {

    private SourceVideo() {
    }

    static VideoInfo fetch(ObjectStore store, PipelineJob job, Path target) {
        ObjectVersion source = job.source();
        try {
            String now = ObjectVersion.of(store.head(source.location())).eTag();
            if (!source.eTag().equals(now)) {
                throw new PermanentFailure(source.location() + " changed since it was announced (ETag " + now
                        + " instead of " + source.eTag() + "); the new version is a job of its own");
            }
            store.download(source.location(), target);
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.TRANSIENT) {
                throw e;
            }
            throw new PermanentFailure(e.getMessage());
        }
        try {
            return VideoReader.probe(target);
        } catch (FaceblurException e) {
            throw new PermanentFailure(source.location() + " is not a video faceblur can read: " + e.getMessage());
        }
    }
}
