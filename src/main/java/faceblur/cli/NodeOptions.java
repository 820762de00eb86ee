package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.engine.FaceBlur;
import faceblur.jobs.JobSettings;
import faceblur.pipeline.OutputNaming;
import faceblur.pipeline.S3Prefix;
import faceblur.pipeline.WatchConfig;
import faceblur.pipeline.WatchRule;
import faceblur.server.FaceblurServer;
import faceblur.server.ServeSettings;
import faceblur.server.ServiceLimits;
import faceblur.storage.S3Settings;
import faceblur.storage.StorageException;
import faceblur.studio.Studio;
import faceblur.studio.StudioWeb;
import faceblur.text.TextHiding;
import faceblur.text.TextModelLocator;
import faceblur.text.HideTargets;
import faceblur.text.TextSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Locale;

/** What every node takes: storage, the job database, how jobs run, the pipeline's watch rules, the engine. */
final class NodeOptions {

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

    @Option(names = "--sns-confirm-host", paramLabel = "HOST",
            description = "Confirm SNS subscriptions to POST /s3-events whose SubscribeURL is on HOST (for AWS: "
                    + "sns.REGION.amazonaws.com) by fetching it; others are logged with the address to open by hand. "
                    + "Repeatable.")
    List<String> snsConfirmHosts = new ArrayList<>();

    @Option(names = "--sns-verify", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Take SNS messages on POST /s3-events only with a valid SNS signature (its certificate "
                    + "fetched from sns.REGION.amazonaws.com over https). --no-sns-verify takes them unsigned, for "
                    + "tests and SNS look-alikes. Default: on.")
    boolean snsVerify = true;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The AWS region of the API, as a client configures it (AWS_REGION, region_name): requests "
                    + "signed for another region are refused, as AWS refuses them. Default: ${DEFAULT-VALUE}.")
    String region = "us-east-1";

    @Option(names = "--metrics-public",
            description = "Let anyone who can reach the port read /metrics. With access keys set it otherwise needs a "
                    + "SigV4 signature (service faceblur), which Prometheus cannot make: use this on a private "
                    + "network, where Prometheus scrapes it.")
    boolean metricsPublic;

    @Option(names = "--account-id", paramLabel = "DIGITS",
            description = "The AWS account id the API gives as the caller's (STS GetCallerIdentity), for scripts "
                    + "that name things after it. Default: ${DEFAULT-VALUE}.")
    String accountId = ServeSettings.DEFAULT_ACCOUNT_ID;

    /** How --notify delivers: the bare completion message, or inside SNS's envelope. */
    enum NotifyFormat { RAW, SNS }

    @Option(names = "--notify-format", paramLabel = "FORMAT",
            description = "raw: POST the completion message itself (JSON), as Rekognition publishes it to the topic; "
                    + "sns: inside the envelope an HTTP endpoint subscribed to the topic receives (Type "
                    + "Notification, the message as a string in Message, x-amz-sns-* headers; unsigned). "
                    + "Default: raw.")
    NotifyFormat notifyFormat = NotifyFormat.RAW;

    @Option(names = "--watch", paramLabel = "s3://BUCKET/PREFIX",
            description = "Blur every new object under this folder (local buckets, or the --s3-endpoint store) "
                    + "into the folder of the --to in the same position. Repeatable: pairs in order.")
    List<String> watch = new ArrayList<>();

    @Option(names = "--to", paramLabel = "s3://BUCKET/PREFIX",
            description = "Where the blurred copies of the matching --watch go, with <key>.faces.json beside each.")
    List<String> to = new ArrayList<>();

    @Option(names = "--rule-options", paramLabel = "OPTIONS",
            description = "How the --watch in the same position hides faces, and what it hides, as blur's options "
                    + "without dashes: style=pixelate,pixel-blocks=8 or style=fill,fill-colour=#202020,shape=box "
                    + "or hide=faces,text (hide: faces, text or faces,text; default faces) (names: "
                    + RuleOptions.KEYS + "); 'default' for the defaults. Stored with each job. Give one per --watch "
                    + "or none.")
    List<String> ruleOptions = new ArrayList<>();

    @Option(names = "--watch-interval", paramLabel = "DURATION", converter = Sizes.DurationConverter.class,
            description = "How often each --watch folder is listed; POST /s3-events starts new objects at once. "
                    + "Default: 30s.")
    Duration watchInterval = WatchConfig.DEFAULT_LIST_INTERVAL;

    @Option(names = "--output-template", paramLabel = "TEMPLATE",
            description = "Output key under --to, from the key under --watch: {path}, {dir}, {name}, {stem}, {ext} "
                    + "(the source's for .mp4/.m4v/.mov/.mkv, else .mp4). Default: ${DEFAULT-VALUE} (the same key).")
    String outputTemplate = OutputNaming.DEFAULT;

    @Option(names = "--cache-size", paramLabel = "SIZE", converter = Sizes.ByteConverter.class,
            description = "Pipeline sources this node keeps in --data/source-cache so that the next steps of a job "
                    + "here do not download it again; removed when the job ends, least recently used first above "
                    + "SIZE, all when the node starts. 0 keeps none. Default: 20G.")
    long cacheBytes = 20L << 30;

    @Option(names = "--text-model", paramLabel = "PATH",
            description = "The PP-OCRv4 text detection ONNX model, for --rule-options hide=text or hide=faces,text. "
                    + "Default: $" + TextModelLocator.ENV_VARIABLE + ", else ~/.cache/faceblur/"
                    + TextModelLocator.FILE_NAME + " (fetched once, as for blur --hide text).")
    Path textModel;

    @Option(names = "--studio-hide", paramLabel = "WHAT",
            description = "What the studio (/studio) finds in a video for review: " + HideTargets.ALLOWED
                    + "; with text it lists plates, signs and screens beside the people. Default: ${DEFAULT-VALUE}.")
    String studioHide = "faces";

    @Option(names = "--text-every", paramLabel = "N",
            description = "In videos whose rule hides text, look for text on every N-th frame; its tracks carry it "
                    + "between. Default: ${DEFAULT-VALUE}.")
    int textEvery = TextHiding.DEFAULT_EVERY;

    @Mixin
    SegmentOptions segments = new SegmentOptions();

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Mixin
    TrackingOptions tracking = new TrackingOptions();

    ServeSettings settings(String host, int port, int s3Port, boolean worker) {
        JobSettings jobs = new JobSettings(concurrency, queueLimit, retention, heartbeat,
                JobSettings.defaults().maxAttempts(), notify, notifyFormat == NotifyFormat.SNS);
        return new ServeSettings(host, port, s3Port, data, db,
                s3Endpoint == null ? null : new S3Settings(s3Endpoint, s3Region, null, null), accessKeys(),
                new ServiceLimits(maxVideoBytes, maxVideoDuration), jobs, watchConfig(),
                segments.settings(), cacheBytes, worker, webhookToken(), detection.provenance(tracking), studioToken(),
                accountId, snsConfirmHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
                snsVerify, metricsPublic, region, StudioWeb.defaults(), textSource(), studioHide());
    }

    /**
     * The text detector's source; when a rule hides text its model is found now, so that a missing one stops the
     * node with the blur command's message instead of failing every job.
     */
    private TextSource textSource() {
        TextSource text = new TextSource(textModel, textEvery, detection.threads);
        if (studioHide().text() || watchConfig().rules().stream().anyMatch(r -> r.hide().text())) {
            text.locate();
        }
        return text;
    }

    private HideTargets studioHide() {
        return HideTargets.parse("--studio-hide", studioHide);
    }

    /** The studio's address carries a token when nobody can sign in with keys (as for faceblur studio). */
    private static String studioToken() {
        if (!accessKeys().isEmpty()) {
            return null;
        }
        return Studio.token();
    }

    /** Loads the engine and starts the node; stops it when the JVM is asked to stop. */
    FaceblurServer start(ServeSettings settings) {
        FaceBlur engine = detection.engine(tracking);
        return FaceblurServer.start(settings, engine);
    }

    static void awaitStop(FaceblurServer server) throws InterruptedException {
        SignalStop.onStop(server::close);
        SignalStop.await();
    }

    static String watching(ServeSettings settings) {
        List<WatchRule> rules = settings.watch().rules();
        return rules.isEmpty() ? "" : ", watching " + rules.stream().map(WatchRule::toString).toList()
                + " every " + settings.watch().listInterval().toSeconds() + " s";
    }

    private WatchConfig watchConfig() {
        if (watch.size() != to.size()) {
            throw new FaceblurException("give one --to for each --watch (" + watch.size() + " --watch, "
                    + to.size() + " --to)");
        }
        if (!ruleOptions.isEmpty() && ruleOptions.size() != watch.size()) {
            throw new FaceblurException("give one --rule-options for each --watch, or none (" + watch.size()
                    + " --watch, " + ruleOptions.size() + " --rule-options)");
        }
        OutputNaming naming = new OutputNaming(outputTemplate);
        List<WatchRule> rules = new ArrayList<>();
        try {
            for (int i = 0; i < watch.size(); i++) {
                RuleOptions.Parsed options = RuleOptions.parse(ruleOptions.isEmpty() ? "default" : ruleOptions.get(i));
                rules.add(new WatchRule(S3Prefix.parse(watch.get(i)), S3Prefix.parse(to.get(i)), naming,
                        options.redaction(), options.hide()));
            }
        } catch (StorageException e) {
            throw new FaceblurException(e.getMessage());
        }
        return new WatchConfig(rules, watchInterval, naming);
    }

    private static Map<String, String> accessKeys() {
        String id = System.getenv("FACEBLUR_ACCESS_KEY_ID");
        String secret = System.getenv("FACEBLUR_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return Map.of();
        }
        return Map.of(id, secret);
    }

    /** A secret, so from the environment rather than the command line, which other users can read. */
    private static String webhookToken() {
        String token = System.getenv("FACEBLUR_WEBHOOK_TOKEN");
        return token == null || token.isBlank() ? null : token;
    }

    /** Where faceblur keeps its data unless told: $XDG_DATA_HOME/faceblur or ~/.local/share/faceblur. */
    static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("faceblur");
    }
}
