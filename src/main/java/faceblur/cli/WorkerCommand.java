package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.server.FaceblurServer;
import faceblur.server.ServeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "worker",
        mixinStandardHelpOptions = true,
        header = "Take pipeline steps and face-detection jobs from a shared database: one more machine's worth.",
        description = {
                "A node without the API: it runs the same tasks as faceblur serve (pipeline steps, listing of "
                        + "--watch folders, Rekognition-style jobs), taken from the PostgreSQL database that the "
                        + "serve node and every other worker share, on videos in a shared S3-compatible store "
                        + "(--s3-endpoint; AWS S3 itself without it). Each step runs on one node at a time; a "
                        + "worker that stops is replaced after a few missed heartbeats by any other.",
                "",
                "Example:",
                "  faceblur worker --db 'jdbc:postgresql://db/faceblur?user=fb&password=...' \\",
                "      --s3-endpoint http://minio:9000 --port 8081",
                ""})
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address of the --port listener. Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT",
            description = "Serve GET /health and GET /metrics here (0: any free port). Default: none.")
    int port = -1;

    @Mixin
    NodeOptions node = new NodeOptions();

    @Override
    public Integer call() throws InterruptedException {
        if (node.db == null) {
            throw new FaceblurException("a worker needs the shared job database: --db jdbc:postgresql://host/db");
        }
        ServeSettings settings = node.settings(host, port, 0, true);
        FaceblurServer.requirePortsFree(settings);
        System.err.println("faceblur worker: starting (face model, job database; can take 20 s)...");
        FaceblurServer server = node.start(settings);
        System.err.println("faceblur worker: ready, jobs from " + settings.jdbcUrl().replaceAll("password=[^&]*",
                "password=***") + ", store " + (server.s3Endpoint() == null ? "AWS S3" : server.s3Endpoint())
                + (server.apiEndpoint() == null ? "" : ", health on " + server.apiEndpoint())
                + NodeOptions.watching(settings) + ". Ctrl-C stops.");
        NodeOptions.awaitStop(server);
        return 0;
    }
}
