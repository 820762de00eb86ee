package faceblur.server;

import io.javalin.Javalin;

/** The HTTP routes of the API port: the Rekognition endpoint, a health check and the metrics. */
final class HttpApi {

    private HttpApi() {
    }

    static Javalin start(String host, int port, RekognitionEndpoint rekognition, ServerMetrics metrics) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.post("/", rekognition::handle);
            config.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
            config.routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
        }).start(host, port);
    }
}
