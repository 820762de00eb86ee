package faceblur.storage;

import java.time.Instant;

/** What a store says of one object without reading it. */
public record StoredObject(S3Location location, long size, String eTag, Instant lastModified) {
}
