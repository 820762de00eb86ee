package faceblur.server;

import faceblur.FaceblurException;
import faceblur.engine.FaceBlur;
import faceblur.jobs.JobDatabase;
import faceblur.jobs.JobService;
import faceblur.pipeline.Pipeline;
import faceblur.pipeline.PipelineSettings;
import faceblur.redact.RedactionSettings;
import faceblur.rekognition.PageTokens;
import faceblur.storage.LocalS3Server;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Settings;
import faceblur.studio.Studio;
import faceblur.studio.StudioSettings;
import faceblur.video.EncoderSettings;
import io.javalin.Javalin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * One running {@code faceblur serve} or {@code faceblur worker}: the local S3 endpoint (serve, unless a remote
 * store is used), the job database and the one scheduler for detection jobs and pipeline steps, and the HTTP API
 * (a worker's: /health and /metrics only), started in that order and stopped in the reverse one.
 */
public final class FaceblurServer implements AutoCloseable {

    private static final String SIGNING_SERVICE = "rekognition";
    /** The pipeline's REST API and webhook are faceblur's own, signed for a service of that name. */
    private static final String PIPELINE_SIGNING_SERVICE = "faceblur";

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private URI apiEndpoint;
    private URI s3Endpoint;
    private URI studio;

    private FaceblurServer() {
    }

    /** Starts everything, or stops what had started and throws. Takes ownership of {@code engine}. */
    public static FaceblurServer start(ServeSettings settings, FaceBlur engine) {
        FaceblurServer server = new FaceblurServer();
        server.parts.push(engine);
        try {
            server.startParts(settings, engine);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * A port in use (or an address that cannot be listened on) said in one line, with what to do: before
     * anything starts, and before a command says it is starting.
     */
    public static void requirePortsFree(ServeSettings settings) {
        if (settings.port() >= 0) {
            Ports.requireFree(settings.host(), settings.port(), "--port");
        }
        if (!settings.worker() && settings.remoteStore() == null) {
            Ports.requireFree(settings.host(), settings.s3Port(), "--s3-port");
        }
    }

    private void startParts(ServeSettings settings, FaceBlur engine) {
        requirePortsFree(settings);
        checkExposure(settings);
        Path data = createDirectories(settings.dataDir());
        ObjectStore store = ObjectStore.connect(storeSettings(settings, data));
        parts.push(store);
        JobDatabase database = JobDatabase.open(settings.databaseUrl());
        parts.push(database);
        Pipeline pipeline = Pipeline.create(database, store, engine, new PipelineSettings(settings.watch(),
                settings.jobs().maxAttempts(), settings.jobs().heartbeat(), data.resolve("work"),
                RedactionSettings.defaults(), EncoderSettings.defaults(), settings.segments(),
                data.resolve("source-cache"), settings.sourceCacheBytes(), settings.text()));
        ServerMetrics[] metrics = new ServerMetrics[1];
        StudioJobs studioJobs = settings.worker() ? null : new StudioJobs(database, settings.jobs().heartbeat());
        JobService jobs = JobService.start(database, settings.jobs(),
                job -> new DetectionJobRunner(store, engine, data.resolve("work"), settings.limits(), metrics[0])
                        .run(job), JobService.Listener.NONE,
                studioJobs == null ? pipeline.tasks() : pipeline.tasks().with(studioJobs.tasks()));
        parts.push(jobs);
        metrics[0] = new ServerMetrics(jobs.jobs(), pipeline.jobs());
        Studio review = settings.worker() ? null : studio(settings, engine, store, data, studioJobs);
        if (review != null) {
            parts.push(review);
        }
        Javalin http = settings.worker() ? startWorkerPort(settings, metrics[0])
                : startApi(settings, store, data, jobs, pipeline, metrics[0], review);
        if (http != null) {
            parts.push(() -> {
                if (review != null) {
                    review.stopEvents();
                }
                http.stop();
            });
            apiEndpoint = URI.create("http://" + hostForUri(settings.host()) + ":" + http.port());
            if (review != null) {
                studio = apiEndpoint.resolve("/studio/" + (settings.studioToken() == null ? ""
                        : "?token=" + settings.studioToken()));
            }
        }
    }

    /** The review app under /studio, on the videos of the buckets: signed in with an access key, or by token. */
    private static Studio studio(ServeSettings settings, FaceBlur engine, ObjectStore store, Path data,
                                 StudioJobs work) {
        StudioSettings studio = new StudioSettings(data.resolve("studio"), settings.limits().maxVideoBytes(),
                settings.studioToken(), settings.accessKeys(), System.getProperty("user.name", "local user"),
                settings.provenance(), RedactionSettings.defaults(),
                EncoderSettings.defaults().withThreads(settings.provenance().detector().threads()), settings.studioWeb(),
                settings.studioHide(), settings.text());
        return Studio.buckets(studio, engine, store, work::boundTo);
    }

    private static Javalin startApi(ServeSettings settings, ObjectStore store, Path data, JobService jobs,
                                    Pipeline pipeline, ServerMetrics metrics, Studio studio) {
        FaceDetectionOperations operations = new FaceDetectionOperations(store, jobs.jobs(),
                new PageTokens(tokenSecret(data)), settings.limits());
        RekognitionEndpoint endpoint = new RekognitionEndpoint(operations, verifier(settings, SIGNING_SERVICE), metrics);
        PipelineEndpoint pipelineEndpoint = new PipelineEndpoint(pipeline.jobs(),
                verifier(settings, PIPELINE_SIGNING_SERVICE), settings.webhookToken(), metrics,
                settings.snsConfirmHosts(), settings.snsVerify() ? SnsSignature.overHttps() : null);
        StsEndpoint sts = new StsEndpoint(verifier(settings, StsEndpoint.SIGNING_SERVICE), settings.accountId());
        return HttpApi.start(settings.host(), settings.port(), endpoint, sts, pipelineEndpoint, metrics,
                metricsReaders(settings), studio);
    }

    /** A worker listens only when given a port, and then only for /health and /metrics. */
    private static Javalin startWorkerPort(ServeSettings settings, ServerMetrics metrics) {
        return settings.port() < 0 ? null
                : HttpApi.startHealthOnly(settings.host(), settings.port(), metrics, metricsReaders(settings));
    }

    /** Who may read /metrics: anyone without keys or with --metrics-public, else requests signed with a key. */
    private static SigV4Verifier metricsReaders(ServeSettings settings) {
        return settings.accessKeys().isEmpty() || settings.metricsPublic() ? null
                : verifier(settings, PIPELINE_SIGNING_SERVICE);
    }

    private static SigV4Verifier verifier(ServeSettings settings, String service) {
        return (settings.accessKeys().isEmpty() ? SigV4Verifier.acceptingAnySignature(service)
                : new SigV4Verifier(settings.accessKeys(), service, Clock.systemUTC())).inRegion(settings.region());
    }

    private S3Settings storeSettings(ServeSettings settings, Path data) {
        if (settings.worker()) {
            // no local buckets on a worker: the shared store, AWS itself when no endpoint is given
            S3Settings remote = settings.remoteStore() != null ? settings.remoteStore()
                    : new S3Settings(null, S3Settings.DEFAULT_REGION, null, null);
            s3Endpoint = remote.endpoint();
            return remote;
        }
        if (settings.remoteStore() != null) {
            s3Endpoint = settings.remoteStore().endpoint();
            return settings.remoteStore();
        }
        Map.Entry<String, String> key = settings.accessKeys().entrySet().stream().findFirst().orElse(null);
        LocalS3Server local = LocalS3Server.start(data.resolve("buckets"), settings.host(), settings.s3Port(),
                key == null ? null : key.getKey(), key == null ? null : key.getValue());
        parts.push(local);
        s3Endpoint = local.endpoint();
        // with no keys configured the local endpoint takes any signature: sign with placeholders
        return new S3Settings(local.endpoint(), "us-east-1", key == null ? "faceblur" : key.getKey(),
                key == null ? "faceblur" : key.getValue());
    }

    /** Anyone who can reach an endpoint without keys can read every video: only this machine may. */
    private static void checkExposure(ServeSettings settings) {
        // a worker serves no videos, only /health and /metrics
        if (!settings.accessKeys().isEmpty() || settings.worker()) {
            return;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(settings.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new FaceblurException("cannot listen on " + settings.host() + ": unknown host");
        }
        if (!loopback) {
            throw new FaceblurException("refusing to listen on " + settings.host() + " without access keys: set "
                    + "FACEBLUR_ACCESS_KEY_ID and FACEBLUR_SECRET_ACCESS_KEY, or listen on 127.0.0.1");
        }
    }

    /** The key that signs page tokens, kept in the data folder so that tokens stay valid across restarts. */
    private static byte[] tokenSecret(Path data) {
        Path file = data.resolve("page-token.key");
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Path temp = Files.createTempFile(data, "page-token", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temp, java.util.HexFormat.of().formatHex(secret));
                Files.move(temp, file);
            }
            return java.util.HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new FaceblurException("cannot read or create " + file + ": " + e.getMessage());
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FaceblurException("cannot create the data folder " + dir + ": " + e.getMessage());
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public URI apiEndpoint() {
        return apiEndpoint;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /** The studio's address (with its token when there are no access keys); null on a worker. */
    public URI studio() {
        return studio;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new UncheckedIOException(
                            new IOException(e));
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
