package faceblur.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An S3 endpoint over a folder: each bucket is a sub-folder of {@code dataDir}. With keys, requests must be signed
 * (SigV2 or SigV4) with them; without, any request is served, so the caller must only bind such a server to
 * loopback.
 */
public final class LocalS3Server implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final S3Proxy proxy;
    private final BlobStore store;
    private final URI endpoint;

    private LocalS3Server(S3Proxy proxy, BlobStore store, URI endpoint) {
        this.proxy = proxy;
        this.store = store;
        this.endpoint = endpoint;
    }

    /**
     * @param port 0 for any free port; {@link #endpoint()} then gives the one bound
     * @param accessKeyId null, with a null secret, for no authentication at all
     */
    public static LocalS3Server start(Path dataDir, String host, int port, String accessKeyId, String secretAccessKey) {
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("give both the S3 access key id and the secret access key, or neither");
        }
        Path root = createRoot(dataDir);
        BlobStore store = new BucketConfinedBlobStore(folderStore(root));
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(store)
                .endpoint(httpUri(host, port));
        if (accessKeyId != null) {
            builder.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey);
        } else {
            builder.awsAuthentication(AuthenticationType.NONE, null, null);
        }
        S3Proxy proxy = builder.build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            stopQuietly(proxy);
            store.close();
            throw new IllegalStateException("cannot start the S3 endpoint on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new LocalS3Server(proxy, store, httpUri(host, proxy.getPort()));
    }

    /** Where clients send requests (path-style: {@code endpoint/bucket/key}). */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the S3 endpoint at " + endpoint + ": " + e.getMessage(), e);
        } finally {
            store.close();
        }
    }

    private static Path createRoot(Path dataDir) {
        try {
            // Resolve links once here so the blob store's containment checks compare like with like.
            return Files.createDirectories(dataDir).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 data folder " + dataDir, e);
        }
    }

    private static BlobStore folderStore(Path root) {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", root.toString());
        return BlobStores.create("filesystem-nio2", properties);
    }

    private static URI httpUri(String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port);
    }

    /* Jetty reports STARTED from another thread than the one start() returns on. */
    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("still " + proxy.getState() + " after " + START_TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(5);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // start already failed; that is the error to report
        }
    }
}
