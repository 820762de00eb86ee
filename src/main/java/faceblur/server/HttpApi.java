package faceblur.server;

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
                         PipelineEndpoint pipeline, ServerMetrics metrics, Studio studio) {
        return Javalin.create(config -> {
            common(config, metrics);
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
    static Javalin startHealthOnly(String host, int port, ServerMetrics metrics) {
        return Javalin.create(config -> common(config, metrics)).start(host, port);
    }

    private static void common(JavalinConfig config, ServerMetrics metrics) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
        config.routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
    }
}
