package faceblur.pipeline;

import faceblur.storage.StorageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * This node's copies of the sources it works on, so that the steps of a job that land on the same node (analyse
 * and render of each segment, the join) download the source once. An entry is one object version (bucket, key,
 * ETag), downloaded whole or not at all and checked against the size the store gives for it; steps running at
 * once on this node share it, and the first one downloads while the others wait. An entry is removed when no
 * step uses it and either every job it served has ended (checked as each step ends) or the cache is over its
 * size, least recently used first. The folder is this node's own: emptied when the node starts.
 */
final class SourceCache {

    /** A step's use of one cached source; the entry stays while a step holds it. */
    final class Lease implements AutoCloseable {

        private final Entry entry;
        private final boolean hit;
        private boolean closed;

        private Lease(Entry entry, boolean hit) {
            this.entry = entry;
            this.hit = hit;
        }

        Path path() {
            return entry.path;
        }

        /** True when the source was on this node already, from an earlier step. */
        boolean hit() {
            return hit;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(entry);
            }
        }
    }

    private static final class Entry {
        final Path path;
        final Set<String> jobs = new HashSet<>();
        /** Held while downloading: the other steps wanting this source wait for the copy. */
        final Object download = new Object();
        int users;
        long size = -1;
        long lastUsed;

        Entry(Path path) {
            this.path = path;
        }
    }

    private final Path root;
    private final long limit;
    private final Map<String, Entry> entries = new HashMap<>(); // guarded by this
    private long tick; // guarded by this

    private SourceCache(Path root, long limit) {
        this.root = root;
        this.limit = limit;
    }

    /** The cache in {@code root}, emptied of what an earlier process left; at most {@code limitBytes} kept. */
    static SourceCache open(Path root, long limitBytes) {
        try {
            Files.createDirectories(root);
            try (Stream<Path> left = Files.list(root)) {
                left.forEach(SourceCache::delete);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the source cache " + root, e);
        }
        return new SourceCache(root, Math.max(0, limitBytes));
    }

    /**
     * The object version for {@code jobId}, of {@code size} bytes: the copy already here, or one made by
     * {@code download} (which must write its target whole or not at all). Close the lease when done with it.
     */
    Lease acquire(String jobId, ObjectVersion version, long size, Consumer<Path> download) {
        Entry entry;
        synchronized (this) {
            entry = entries.computeIfAbsent(Sha256.hex(version.location().bucket(), version.location().key(),
                    version.eTag()).substring(0, 32), name -> new Entry(root.resolve(name)));
            entry.users++;
            entry.jobs.add(jobId);
            entry.lastUsed = ++tick;
        }
        try {
            boolean hit;
            synchronized (entry.download) {
                hit = entry.size == size && Files.isRegularFile(entry.path);
                if (!hit) {
                    download.accept(entry.path);
                    long got = sizeOf(entry.path);
                    if (got != size) {
                        delete(entry.path);
                        throw new StorageException(StorageException.Kind.TRANSIENT, "downloaded " + got
                                + " bytes of " + version.location() + " instead of " + size);
                    }
                    synchronized (this) {
                        entry.size = got;
                    }
                }
            }
            synchronized (this) {
                makeRoom();
            }
            return new Lease(entry, hit);
        } catch (RuntimeException e) {
            release(entry);
            throw e;
        }
    }

    /**
     * Removes the entries no step uses whose jobs have all ended; {@code ended} is given the jobs of those
     * entries and answers which of them have ended (finished, or gone).
     */
    void evictEnded(Function<Set<String>, Set<String>> ended) {
        Set<String> jobs = new HashSet<>();
        synchronized (this) {
            entries.values().stream().filter(e -> e.users == 0).forEach(e -> jobs.addAll(e.jobs));
        }
        if (jobs.isEmpty()) {
            return;
        }
        Set<String> over = ended.apply(jobs);
        synchronized (this) {
            for (Entry entry : List.copyOf(entries.values())) {
                if (entry.users == 0 && over.containsAll(entry.jobs)) {
                    evict(entry);
                }
            }
        }
    }

    /** Bytes of the copies kept now. */
    synchronized long size() {
        return entries.values().stream().mapToLong(e -> Math.max(0, e.size)).sum();
    }

    private synchronized void release(Entry entry) {
        entry.users--;
        entry.lastUsed = ++tick;
        if (entry.size < 0 && entry.users == 0) {
            evict(entry); // its download failed
        }
        makeRoom();
    }

    /** Over the limit: the least recently used entries that no step uses go. */
    private void makeRoom() {
        long total = entries.values().stream().mapToLong(e -> Math.max(0, e.size)).sum();
        List<Entry> idle = new ArrayList<>(entries.values().stream().filter(e -> e.users == 0).toList());
        idle.sort(Comparator.comparingLong(e -> e.lastUsed));
        for (Entry entry : idle) {
            if (total <= limit) {
                return;
            }
            total -= Math.max(0, entry.size);
            evict(entry);
        }
    }

    private void evict(Entry entry) {
        entries.remove(entry.path.getFileName().toString());
        delete(entry.path);
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
    }

    private static void delete(Path path) {
        WorkFolder.delete(path);
    }
}
