package faceblur.pipeline;

import faceblur.storage.S3Location;
import faceblur.storage.StoredObject;

/** One version of an object as announced (listing or event): its content is named by the ETag. */
public record ObjectVersion(S3Location location, String eTag, long size) {

    public ObjectVersion {
        // listings quote the ETag, event notifications do not
        eTag = eTag == null ? null : eTag.replace("\"", "");
    }

    public static ObjectVersion of(StoredObject object) {
        return new ObjectVersion(object.location(), object.eTag(), object.size());
    }
}
