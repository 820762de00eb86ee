package faceblur.cli;

import faceblur.server.FaceblurServer;
import faceblur.server.ServeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;



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
                "Blur on upload: --watch s3://uploads/in --to s3://public/out blurs every new object under in/ "
                        + "into out/ (found by listing every --watch-interval, or at once through POST /s3-events, "
                        + "the S3 event-notification webhook). Jobs: GET /pipeline/jobs[?state=failed], "
                        + "GET /pipeline/jobs/ID, POST /pipeline/jobs {\"source\":..,\"target\":..}, "
                        + "POST /pipeline/jobs/ID/cancel, POST /pipeline/jobs/ID/retry; signed with SigV4 for "
                        + "the service 'faceblur'. Webhook senders that cannot sign (MinIO's auth_token) send "
                        + "'Authorization: Bearer $FACEBLUR_WEBHOOK_TOKEN' instead. More machines: faceblur worker.",
                "",
                "The studio, to review a video of the buckets in the browser (keep or blur each person, add missed "
                        + "faces, export with a report), is at /studio/ on the API port: sign in with an access key "
                        + "id and its secret, or, without keys, open the address printed at start (it has a token).",
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

    @Mixin
    NodeOptions node = new NodeOptions();

    @Mixin
    StudioWebOptions studioWeb = new StudioWebOptions();

    @Override
    public Integer call() throws InterruptedException {
        ServeSettings settings = node.settings(host, port, s3Port, false).withStudioWeb(studioWeb.settings());
        // Loading the model, the database and the S3 endpoint takes a while; say so before it does.
        FaceblurServer.requirePortsFree(settings);
        System.err.println("faceblur serve: starting (face model, job database, S3 endpoint; can take 20 s)...");
        FaceblurServer server = node.start(settings);
        System.err.println("faceblur serve: Rekognition API on " + server.apiEndpoint() + ", S3 on "
                + server.s3Endpoint() + ", data in " + settings.dataDir().toAbsolutePath()
                + (settings.accessKeys().isEmpty() ? " (no access keys: loopback only)" : "")
                + NodeOptions.watching(settings) + ". Ctrl-C stops.");
        System.err.println("faceblur serve: studio (review in the browser) at " + server.studio()
                + (settings.accessKeys().isEmpty() ? "" : " (sign in with an access key)"));
        NodeOptions.awaitStop(server);
        return 0;
    }
}
