package faceblur.studio;

import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.storage.StorageException;
import faceblur.storage.StoredObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The videos of {@code faceblur serve}: every object with a video's name in the store's buckets, opened by its
 * {@code s3://} location and fetched into the data folder once (again when the object changes); and the
 * studio's own uploads, as {@link LocalVideos} has them.
 */
final class BucketVideos implements VideoCatalog {

    private static final int LIST_LIMIT = 2000;

    private final ObjectStore store;
    private final Path cache;
    private final LocalVideos uploads;

    BucketVideos(ObjectStore store, Path cache, LocalVideos uploads) {
        this.store = store;
        this.cache = cache;
        this.uploads = uploads;
    }

    @Override
    public List<Video> list() {
        List<Video> videos = new ArrayList<>();
        try {
            for (String bucket : store.buckets()) {
                for (StoredObject o : store.list(bucket, null)) {
                    if (VideoCatalog.isVideoName(o.location().key()) && videos.size() < LIST_LIMIT) {
                        String key = o.location().key();
                        videos.add(new Video(o.location().toString(), key.substring(key.lastIndexOf('/') + 1), o.size()));
                    }
                }
            }
        } catch (StorageException e) {
            throw new StudioException(502, "cannot list the buckets: " + e.getMessage());
        }
        videos.addAll(uploads.list());
        return videos;
    }

    /** The object a cached copy was fetched from: the copy's place under the cache is bucket/key. */
    private java.util.Optional<S3Location> origin(Path source) {
        Path root = cache.toAbsolutePath().normalize();
        Path file = source.toAbsolutePath().normalize();
        if (!file.startsWith(root) || root.relativize(file).getNameCount() < 2) {
            return java.util.Optional.empty();
        }
        Path relative = root.relativize(file);
        String key = relative.subpath(1, relative.getNameCount()).toString().replace(java.io.File.separatorChar, '/');
        return java.util.Optional.of(new S3Location(relative.getName(0).toString(), key));
    }

    private static String folderOf(S3Location object) {
        String key = object.key();
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    @Override
    public java.util.Optional<String> bucketFolder(Path source) {
        return origin(source).map(o -> "s3://" + o.bucket() + "/" + folderOf(o));
    }

    @Override
    public List<String> writeBeside(Path source, List<Path> files) {
        S3Location object = origin(source).orElseThrow(() -> VideoCatalog.notFromBucket(source.getFileName().toString()));
        List<String> written = new ArrayList<>();
        try {
            for (Path f : files) {
                S3Location target = object.withKey(folderOf(object) + f.getFileName());
                store.upload(f, target);
                written.add(target.toString());
            }
        } catch (StorageException e) {
            throw new StudioException(502, "the export is kept in the studio, but writing it to s3://" + object.bucket()
                    + "/" + folderOf(object) + " failed: " + e.getMessage());
        }
        return written;
    }

    @Override
    public Path open(String path) {
        if (path == null || !path.startsWith("s3://")) {
            return uploads.open(path);
        }
        try {
            S3Location location = S3Location.parse(path);
            StoredObject head = store.head(location);
            // Keys are checked by S3Location: none steps out of its bucket's folder here either.
            Path local = cache.resolve(location.bucket()).resolve(location.key());
            if (!Files.isRegularFile(local) || Files.size(local) != head.size()
                    || Files.getLastModifiedTime(local).toInstant().isBefore(head.lastModified())) {
                store.download(location, local);
            }
            return local;
        } catch (StorageException e) {
            throw e.kind() == StorageException.Kind.NOT_FOUND ? StudioException.notFound(path + ": no such object")
                    : e.kind() == StorageException.Kind.INVALID_LOCATION ? StudioException.forbidden(e.getMessage())
                    : new StudioException(502, "cannot fetch " + path + ": " + e.getMessage());
        } catch (IOException e) {
            throw new StudioException(500, "cannot keep a copy of " + path + ": " + e.getMessage());
        }
    }
}
