package faceblur.server;

import faceblur.rekognition.RekognitionException;
import faceblur.studio.Studio;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;

/**
 * The HTTP routes of the API port: the Rekognition endpoint, STS's GetCallerIdentity, the pipeline's, the studio under /studio, a health
 * check and the metrics.
 */
final class HttpApi {

    private HttpApi() {
    }

    static Javalin start(String host, int port, RekognitionEndpoint rekognition, StsEndpoint sts,
                         PipelineEndpoint pipeline, ServerMetrics metrics, SigV4Verifier metricsReaders, Studio studio) {
        return Javalin.create(config -> {
            common(config, metrics, metricsReaders);
            // AWS has one host per service; here both share POST /, told apart by the service they are signed for.
            config.routes.post("/", ctx -> {
                if (StsEndpoint.isFor(ctx)) {
                    sts.handle(ctx);
                } else {
                    rekognition.handle(ctx);
                }
            });
            pipeline.routes(config);
            studio.routes(config, "/studio");
        }).start(host, port);
    }

    /** A worker's port: only what a load balancer and Prometheus ask. */
    static Javalin startHealthOnly(String host, int port, ServerMetrics metrics, SigV4Verifier metricsReaders) {
        return Javalin.create(config -> common(config, metrics, metricsReaders)).start(host, port);
    }

    /**
     * @param metricsReaders checks the signature of a request for /metrics (its numbers name buckets and keys), or
     *                       null when they are public (no access keys, or --metrics-public)
     */
    private static void common(JavalinConfig config, ServerMetrics metrics, SigV4Verifier metricsReaders) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
        config.routes.get("/metrics", ctx -> {
            if (metricsReaders != null) {
                try {
                    metricsReaders.verify(HttpRequests.signed(ctx, new byte[0]));
                } catch (RekognitionException e) {
                    ctx.status(e.type().httpStatus()).contentType("text/plain").result(e.getMessage() + "\n/metrics "
                            + "needs a SigV4 signature for the service faceblur when access keys are set; start the "
                            + "node with --metrics-public to let Prometheus read it unsigned.\n");
                    return;
                }
            }
            ctx.contentType(metrics.contentType()).result(metrics.scrape());
        });
    }
}
