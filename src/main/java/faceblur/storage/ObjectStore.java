package faceblur.storage;

import faceblur.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Reads and writes whole objects in S3 or an S3-compatible store (S3Proxy, MinIO, Ceph RGW...). */
public final class ObjectStore implements AutoCloseable {

    private final S3Client s3;

    private ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    public static ObjectStore connect(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                // Named, not left to the SDK's choice among the clients S3Proxy and the SDK bring along.
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings));
        if (settings.endpoint() != null) {
            // Other stores rarely have per-bucket DNS names, and many do not know the SDK's newer default
            // checksums (aws-chunked trailers): only send and check them where the operation demands it.
            builder.endpointOverride(settings.endpoint())
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return new ObjectStore(builder.build());
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.hasKeys()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** @throws StorageException NOT_FOUND when the bucket, the object or the version is missing */
    public StoredObject head(S3Location location) {
        HeadObjectResponse head = call("read", location, () -> s3.headObject(b -> b.bucket(location.bucket())
                .key(location.key()).versionId(location.version())));
        return new StoredObject(location, head.contentLength(), head.eTag(), head.lastModified());
    }

    /** Writes the object to {@code target} whole or not at all: a reader never sees half a video. */
    public void download(S3Location location, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            Path part = temp;
            call("download", location, () -> {
                try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(location.bucket())
                        .key(location.key()).versionId(location.version()))) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    return null;
                } catch (IOException e) {
                    throw new StorageException(Kind.TRANSIENT,
                            "cannot download " + location + " to " + target + ": " + e.getMessage(), e);
                }
            });
            moveIntoPlace(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new StorageException(Kind.FAILED, "cannot download " + location + " to " + target + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** One PUT of the whole file (S3 takes up to 5 GB this way). */
    public void upload(Path source, S3Location target) {
        if (!Files.isRegularFile(source)) {
            throw new StorageException(Kind.NOT_FOUND, "cannot upload " + source + " to " + target + ": no such file");
        }
        try {
            s3.putObject(b -> b.bucket(target.bucket()).key(target.key()).contentType(contentType(source)),
                    RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw whyUploadFailed(e, target);
        }
    }

    /**
     * A store that refuses a PUT up front (wrong key, no such bucket) answers before reading the body and closes
     * the connection, so the client sees only a broken pipe, which alone would read as TRANSIENT and be retried
     * for ever. The bucket, asked with the same credentials, tells the real reason.
     */
    private StorageException whyUploadFailed(SdkException e, S3Location target) {
        StorageException error = StorageErrors.translate(e, "upload to", target.toString(), false);
        if (error.kind() != Kind.TRANSIENT || e instanceof AwsServiceException) {
            return error;
        }
        try {
            s3.headBucket(b -> b.bucket(target.bucket()));
        } catch (AwsServiceException refusal) {
            StorageException reason = StorageErrors.translate(refusal, "upload to", target.toString(), false);
            if (reason.kind() != Kind.TRANSIENT) {
                reason.addSuppressed(e);
                return reason;
            }
        } catch (SdkException other) {
            // the store is unreachable now too: TRANSIENT stands
        }
        return error;
    }

    /** Every object whose key starts with {@code prefix} (null or empty: the whole bucket), in key order. */
    public List<StoredObject> list(String bucket, String prefix) {
        return list(bucket, prefix, null);
    }

    /**
     * As {@link #list(String, String)}, only the keys that sort after {@code startAfter} (null: all): a listing
     * that goes on from where an earlier one ended costs one request when nothing was added after it.
     */
    public List<StoredObject> list(String bucket, String prefix, String startAfter) {
        S3Location.requireValidBucket(bucket);
        String where = "s3://" + bucket + "/" + (prefix == null ? "" : prefix);
        List<StoredObject> objects = new ArrayList<>();
        call("list", where, false, () -> {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(emptyToNull(prefix))
                    .startAfter(startAfter)).contents()) {
                // A foreign store may hold keys such as "a/../b" that no S3Location can name: leave them out
                // rather than fail the whole listing.
                if (S3Location.keyProblem(o.key()) != null) {
                    continue;
                }
                objects.add(new StoredObject(new S3Location(bucket, o.key()), o.size(), o.eTag(), o.lastModified()));
            }
            return null;
        });
        return objects;
    }

    /** The names of every bucket the credentials may list. */
    public List<String> buckets() {
        return call("list", "the buckets", false,
                () -> s3.listBuckets().buckets().stream().map(software.amazon.awssdk.services.s3.model.Bucket::name).toList());
    }

    /** Removes the object; removing one that is not there is no error (S3 answers 204 either way). */
    public void delete(S3Location location) {
        call("delete", location, () -> s3.deleteObject(b -> b.bucket(location.bucket()).key(location.key())));
    }

    public void createBucketIfMissing(String bucket) {
        S3Location.requireValidBucket(bucket);
        String where = "s3://" + bucket;
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return;
        } catch (NoSuchBucketException e) {
            // create it below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw StorageErrors.translate(e, "create bucket", where, false);
            }
        } catch (SdkException e) {
            throw StorageErrors.translate(e, "create bucket", where, false);
        }
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(bucket);
        String region = s3.serviceClientConfiguration().region().id();
        if (!region.equals(S3Settings.DEFAULT_REGION)) {
            // AWS wants the region named again outside us-east-1 (and refuses it inside).
            request.createBucketConfiguration(CreateBucketConfiguration.builder().locationConstraint(region).build());
        }
        try {
            s3.createBucket(request.build());
        } catch (BucketAlreadyOwnedByYouException e) {
            // another node created it meanwhile
        } catch (SdkException e) {
            throw StorageErrors.translate(e, "create bucket", where, false);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private <T> T call(String action, S3Location location, Supplier<T> request) {
        return call(action, location.toString(), location.version() != null, request);
    }

    private static <T> T call(String action, String what, boolean versioned, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw StorageErrors.translate(e, action, what, versioned);
        }
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".mp4")) {
            return "video/mp4";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the download already failed; that error is the one to report
            }
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
