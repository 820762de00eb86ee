package faceblur.studio;

import faceblur.video.VideoFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The videos the studio may open: those given to {@code faceblur studio} and its data folder, or the buckets of
 * {@code faceblur serve}. Anything else is refused by name.
 */
interface VideoCatalog {

    /**
     * One video a page may open.
     *
     * @param path  what the page sends to open it: a file path, or an {@code s3://} location
     * @param name  its name, for people
     * @param bytes its size
     */
    record Video(String path, String name, long bytes) {
    }

    /** Animated GIFs too: `faceblur studio x.gif` reads them, so a folder's and an upload's are as welcome. */
    String GIF = "gif";

    /** Whether the studio lists and accepts a file of this name. */
    static boolean isVideoName(String name) {
        return VideoFiles.isVideoName(name) || name.toLowerCase(Locale.ROOT).endsWith("." + GIF);
    }

    /** The extensions it takes, for messages. */
    static String extensions() {
        TreeSet<String> all = new TreeSet<>(VideoFiles.EXTENSIONS);
        all.add(GIF);
        return String.join(", ", all);
    }

    List<Video> list();

    /**
     * The local file to read for {@code path}, fetched first if it lives in a store; throws a 403
     * {@link StudioException} for a path the studio may not read.
     */
    Path open(String path);

    /**
     * The folder of the bucket {@code source} was fetched from, as {@code s3://bucket/folder/}, where its exports
     * may be written beside it; empty for a file that is not from a bucket.
     */
    default java.util.Optional<String> bucketFolder(Path source) {
        return java.util.Optional.empty();
    }

    /** Writes {@code files} into {@link #bucketFolder}, each under its own name; their locations. */
    default List<String> writeBeside(Path source, List<Path> files) {
        throw notFromBucket(source.getFileName().toString());
    }

    /** The refusal to write the export of {@code name}, a video not from a bucket, beside its source. */
    static StudioException notFromBucket(String name) {
        return new StudioException(400, name + " is not from a bucket: its export stays in the studio");
    }
}
