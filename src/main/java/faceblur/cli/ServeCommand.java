package faceblur.cli;

import faceblur.engine.FaceBlur;
import faceblur.jobs.JobSettings;
import faceblur.server.FaceblurServer;
import faceblur.server.ServeSettings;
import faceblur.server.ServiceLimits;
import faceblur.storage.S3Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve",
        mixinStandardHelpOptions = true,
        header = "Run a Rekognition-Video-compatible face-detection service, with its own S3 endpoint.",
        description = {
                "Existing code that calls Amazon Rekognition Video (StartFaceDetection, then GetFaceDetection "
                        + "with NextToken paging) works against this service by changing only the endpoint. "
                        + "Videos are read from the built-in S3 endpoint (buckets are folders under --data) or "
                        + "from any S3-compatible store (--s3-endpoint). Jobs are kept in a database (SQLite "
                        + "in --data, or PostgreSQL with --db) and survive a restart.",
                "",
                "Access keys: set FACEBLUR_ACCESS_KEY_ID and FACEBLUR_SECRET_ACCESS_KEY to require SigV4 "
                        + "signatures made with them on both endpoints. Without keys any signature is accepted, "
                        + "so the service then only listens on a loopback address.",
                "",
                "Examples:",
                "  faceblur serve --data ./faceblur-data",
                "  aws s3 mb s3://videos --endpoint-url http://127.0.0.1:9000",
                "  aws s3 cp in.mp4 s3://videos/in.mp4 --endpoint-url http://127.0.0.1:9000",
                "  aws rekognition start-face-detection --endpoint-url http://127.0.0.1:8080 \\",
                "      --video 'S3Object={Bucket=videos,Name=in.mp4}'",
                "",
                "Also served on the API port: GET /health, and GET /metrics (Prometheus).",
                ""})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address both endpoints listen on. Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "Port of the Rekognition API. Default: ${DEFAULT-VALUE}.")
    int port = 8080;

    @Option(names = "--s3-port", paramLabel = "PORT",
            description = "Port of the built-in S3 endpoint. Default: ${DEFAULT-VALUE}.")
    int s3Port = 9000;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Local buckets, the SQLite job database and work files. Default: ${DEFAULT-VALUE}.")
    Path data = defaultDataDir();

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "The job database, e.g. jdbc:postgresql://host/faceblur?user=u&password=p, shared by "
                    + "several nodes. Default: SQLite in --data.")
    String db;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "Read videos from this S3-compatible store instead of the built-in one; credentials "
                    + "the usual AWS way (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws).")
    URI s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "Region of --s3-endpoint. Default: ${DEFAULT-VALUE}.")
    String s3Region = "us-east-1";

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Jobs analysed at once; more wait in the queue as IN_PROGRESS. Default: ${DEFAULT-VALUE}.")
    int concurrency = 1;

    @Option(names = "--queue-limit", paramLabel = "N",
            description = "Unfinished jobs accepted before StartFaceDetection answers LimitExceededException. "
                    + "Default: ${DEFAULT-VALUE}.")
    int queueLimit = JobSettings.defaults().queueLimit();

    @Option(names = "--retention", paramLabel = "DURATION", converter = Sizes.DurationConverter.class,
            description = "How long finished jobs and their results are kept, e.g. 7d, 12h. Default: 7d.")
    Duration retention = JobSettings.defaults().retention();

    @Option(names = "--max-video-size", paramLabel = "SIZE", converter = Sizes.ByteConverter.class,
            description = "Largest video accepted (VideoTooLargeException above), e.g. 10G, 500M. Default: 10G.")
    long maxVideoBytes = ServiceLimits.defaults().maxVideoBytes();

    @Option(names = "--max-video-duration", paramLabel = "DURATION", converter = Sizes.DurationConverter.class,
            description = "Longest video accepted; a longer one fails its job. Default: 6h.")
    Duration maxVideoDuration = ServiceLimits.defaults().maxVideoDuration();

    @Option(names = "--heartbeat", paramLabel = "DURATION", converter = Sizes.DurationConverter.class,
            description = "How often a running job proves its node alive. A job whose node stops (crash, kill -9, "
                    + "lost machine) is taken over after a few missed heartbeats, by another node or by this one "
                    + "when it starts again. Default: the job scheduler's (about 30 s to take over).")
    Duration heartbeat = JobSettings.defaults().heartbeat();

    @Option(names = "--notify", paramLabel = "TOPIC_ARN=URL",
            description = "Deliver completion messages for NotificationChannel SNSTopicArn TOPIC_ARN by HTTP POST "
                    + "to URL, retried with back-off until it answers 2xx. Repeatable.")
    Map<String, URI> notify = new LinkedHashMap<>();

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Mixin
    TrackingOptions tracking = new TrackingOptions();

    @Override
    public Integer call() throws InterruptedException {
        JobSettings defaults = JobSettings.defaults();
        JobSettings jobs = new JobSettings(concurrency, queueLimit, retention, heartbeat,
                defaults.maxAttempts(), notify);
        ServeSettings settings = new ServeSettings(host, port, s3Port, data, db,
                s3Endpoint == null ? null : new S3Settings(s3Endpoint, s3Region, null, null), accessKeys(),
                new ServiceLimits(maxVideoBytes, maxVideoDuration), jobs);
        FaceBlur engine = detection.engine(tracking);
        FaceblurServer server = FaceblurServer.start(settings, engine);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "faceblur-serve-stop"));
        System.err.println("faceblur serve: Rekognition API on " + server.apiEndpoint() + ", S3 on "
                + server.s3Endpoint() + ", data in " + data.toAbsolutePath()
                + (settings.accessKeys().isEmpty() ? " (no access keys: loopback only)" : "")
                + ". Ctrl-C stops.");
        stopped.await();
        return 0;
    }

    private static Map<String, String> accessKeys() {
        String id = System.getenv("FACEBLUR_ACCESS_KEY_ID");
        String secret = System.getenv("FACEBLUR_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return Map.of();
        }
        return Map.of(id, secret);
    }

    private static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("faceblur");
    }
}
