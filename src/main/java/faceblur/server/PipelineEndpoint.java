package faceblur.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.pipeline.HistoryEntry;
import faceblur.pipeline.PipelineException;
import faceblur.pipeline.PipelineJob;
import faceblur.pipeline.PipelineJobs;
import faceblur.pipeline.PipelineState;
import faceblur.pipeline.S3EventJson;
import faceblur.pipeline.StepTiming;
import faceblur.rekognition.RekognitionException;
import faceblur.storage.StorageException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The pipeline's REST API and the S3 event webhook, on the API port. Every request is SigV4-signed for the
 * service {@code faceblur}, checked as the Rekognition endpoint checks its own; every error is one JSON object
 * {@code {"error":..,"message":..}} with its HTTP status.
 */
final class PipelineEndpoint {

    /** A body answered with another status than the route's usual one. */
    private record Reply(int status, Object body) {
    }

    @FunctionalInterface
    private interface Action {
        Object run(byte[] body) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PipelineEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A job request is a few hundred bytes. */
    static final int MAX_BODY_BYTES = 64 << 10;
    /** SNS's and EventBridge's own limit on one message: an S3 event batch larger than this cannot be sent. */
    static final int MAX_EVENT_BODY_BYTES = 256 << 10;
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    private static final int DEFAULT_LIST_LIMIT = 100;
    private static final int MAX_LIST_LIMIT = 1000;
    private static final String BEARER = "Bearer ";
    private static final ObjectMapper SNS_JSON = new ObjectMapper();

    private final PipelineJobs jobs;
    private final SigV4Verifier verifier;
    private final byte[] webhookToken;
    private final ServerMetrics metrics;
    private final Set<String> snsConfirmHosts;
    private final SnsSignature sns;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONFIRM_TIMEOUT).build();

    /**
     * @param webhookToken    also accepted on {@code /s3-events} as {@code Authorization: Bearer TOKEN}, the way
     *                        MinIO's webhook ({@code auth_token}) and other senders that cannot sign authenticate,
     *                        or as {@code ?token=TOKEN}, for SNS, which can set no header; null for SigV4 only
     * @param snsConfirmHosts hosts whose SNS subscription confirmations are confirmed by fetching their
     *                        SubscribeURL (others are logged and left unconfirmed)
     * @param sns             checks SNS messages' signatures; null to take them unsigned (--no-sns-verify)
     */
    PipelineEndpoint(PipelineJobs jobs, SigV4Verifier verifier, String webhookToken, ServerMetrics metrics,
                     Set<String> snsConfirmHosts, SnsSignature sns) {
        this.sns = sns;
        this.jobs = jobs;
        this.verifier = verifier;
        this.webhookToken = webhookToken == null ? null : webhookToken.getBytes(StandardCharsets.UTF_8);
        this.metrics = metrics;
        this.snsConfirmHosts = Set.copyOf(snsConfirmHosts);
    }

    void routes(JavalinConfig config) {
        config.routes.get("/pipeline/jobs", ctx -> handle(ctx, 200, body -> list(ctx)));
        config.routes.post("/pipeline/jobs", ctx -> handle(ctx, 201, this::submit));
        config.routes.get("/pipeline/jobs/{id}", ctx -> handle(ctx, 200, body -> detail(ctx.pathParam("id"))));
        config.routes.post("/pipeline/jobs/{id}/cancel",
                ctx -> handle(ctx, 200, body -> job(jobs.cancel(ctx.pathParam("id")))));
        config.routes.post("/pipeline/jobs/{id}/retry",
                ctx -> handle(ctx, 200, body -> job(jobs.retry(ctx.pathParam("id")))));
        config.routes.post("/s3-events", ctx -> handle(ctx, 200, this::events, true));
    }

    private Object list(Context ctx) {
        String state = ctx.queryParam("state");
        int limit = limit(ctx.queryParam("limit"));
        List<Map<String, Object>> list = jobs.list(state == null ? null : PipelineState.parse(state), limit)
                .stream().map(PipelineEndpoint::job).toList();
        return Map.of("jobs", list);
    }

    private Object detail(String id) {
        PipelineJob job = jobs.find(id).orElseThrow(() ->
                new PipelineException(PipelineException.Kind.NOT_FOUND, "no pipeline job " + id));
        Map<String, Object> out = job(job);
        out.put("history", jobs.history(id).stream().map(PipelineEndpoint::entry).toList());
        out.put("steps", jobs.steps(id).stream().map(PipelineEndpoint::step).toList());
        return out;
    }

    private Object submit(byte[] body) throws IOException {
        JsonNode request = readObject(body);
        String source = request.path("source").asText(null);
        String target = request.path("target").asText(null);
        if (source == null || target == null) {
            throw new PipelineException(PipelineException.Kind.BAD_REQUEST,
                    "give {\"source\":\"s3://bucket/key\",\"target\":\"s3://bucket/prefix\"} and optionally "
                            + "\"hide\":\"faces,text\"");
        }
        PipelineJobs.Submission submission = jobs.submitNow(source, target, request.path("hide").asText(null));
        Map<String, Object> out = job(submission.job());
        out.put("created", submission.created());
        // the same object version into the same target is one job: answered as it is, not made again
        return new Reply(submission.created() ? 201 : 200, out);
    }

    /**
     * An S3 event in any of its envelopes. Each record is answered on its own (what became of it, its jobs, why
     * not), so a sender never needs to send the good ones again; the answer is 503 only when the store could not
     * be asked about a record, so that the sender retries (records already queued are then "known").
     */
    private Object events(byte[] body) {
        S3EventJson.Parsed parsed;
        try {
            parsed = S3EventJson.parse(body);
            boolean fromSns = parsed.envelope() == S3EventJson.Envelope.SNS_NOTIFICATION
                    || parsed.envelope() == S3EventJson.Envelope.SNS_SUBSCRIPTION;
            if (fromSns && sns != null) {
                sns.verify(SNS_JSON.readTree(body)); // parse has read it as a JSON object already
            }
        } catch (IOException e) {
            throw new PipelineException(PipelineException.Kind.BAD_REQUEST, "the body is not JSON");
        } catch (PipelineException e) {
            LOG.warn("POST /s3-events refused: {}", e.getMessage());
            metrics.s3Events("refused", 1);
            throw e;
        }
        if (parsed.subscription() != null) {
            return subscription(parsed.subscription());
        }
        List<PipelineJobs.RecordOutcome> outcomes = jobs.announce(parsed.records());
        Map<PipelineJobs.Outcome, Integer> counts = new EnumMap<>(PipelineJobs.Outcome.class);
        List<Map<String, Object>> records = new ArrayList<>();
        for (PipelineJobs.RecordOutcome o : outcomes) {
            metrics.s3Events(o.outcome().label(), 1);
            counts.merge(o.outcome(), 1, Integer::sum);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("bucket", o.bucket());
            record.put("key", o.key());
            record.put("outcome", o.outcome().label());
            record.put("jobIds", o.jobIds());
            if (o.reason() != null) {
                record.put("reason", o.reason());
            }
            records.add(record);
        }
        boolean retry = counts.containsKey(PipelineJobs.Outcome.RETRY);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("envelope", parsed.envelope().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.put("queued", counts.getOrDefault(PipelineJobs.Outcome.QUEUED, 0));
        out.put("alreadyKnown", counts.getOrDefault(PipelineJobs.Outcome.KNOWN, 0));
        out.put("outsideRules", counts.getOrDefault(PipelineJobs.Outcome.OUTSIDE_RULES, 0));
        out.put("otherEvents", counts.getOrDefault(PipelineJobs.Outcome.OTHER_EVENT, 0));
        out.put("failed", counts.getOrDefault(PipelineJobs.Outcome.FAILED, 0));
        out.put("retry", counts.getOrDefault(PipelineJobs.Outcome.RETRY, 0));
        out.put("records", records);
        return new Reply(retry ? 503 : 200, out);
    }

    /** SNS's SubscriptionConfirmation: confirmed only for a host on the allow-list, and logged either way. */
    private Object subscription(S3EventJson.SnsSubscription subscription) {
        URI url = subscription.subscribeUrl();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("envelope", "sns-subscription");
        out.put("topicArn", subscription.topicArn());
        if (!subscription.type().equals("SubscriptionConfirmation")) {
            LOG.info("SNS {} for topic {}: nothing to do", subscription.type(), subscription.topicArn());
            out.put("confirmed", false);
            out.put("reason", subscription.type() + " needs no answer");
            return out;
        }
        if (url.getHost() == null || !snsConfirmHosts.contains(url.getHost().toLowerCase(Locale.ROOT))) {
            LOG.warn("SNS subscription to topic {} NOT confirmed: {} is not a --sns-confirm-host; confirm it by "
                    + "opening {}", subscription.topicArn(), url.getHost(), url);
            metrics.s3Events("subscription_unconfirmed", 1);
            out.put("confirmed", false);
            out.put("reason", "host " + url.getHost() + " is not allowed by --sns-confirm-host; the server log has "
                    + "the address to open by hand");
            return out;
        }
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(url).timeout(CONFIRM_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        boolean confirmed = status / 100 == 2;
        LOG.info("SNS subscription to topic {} {} (GET {}: {})", subscription.topicArn(),
                confirmed ? "confirmed" : "NOT confirmed", url.getHost(), status < 0 ? "no answer" : "HTTP " + status);
        metrics.s3Events(confirmed ? "subscription_confirmed" : "subscription_unconfirmed", 1);
        out.put("confirmed", confirmed);
        if (!confirmed) {
            out.put("reason", "the SubscribeURL answered " + (status < 0 ? "nothing" : "HTTP " + status));
            return new Reply(502, out);
        }
        return out;
    }

    /** A bearer token, or {@code ?token=}, equal to the configured one, compared in constant time. */
    private boolean hasWebhookToken(Context ctx) {
        if (webhookToken == null) {
            return false;
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()).trim()
                : ctx.queryParam("token");
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), webhookToken);
    }

    private void handle(Context ctx, int status, Action action) {
        handle(ctx, status, action, false);
    }

    private void handle(Context ctx, int status, Action action, boolean webhook) {
        try {
            int limit = webhook ? MAX_EVENT_BODY_BYTES : MAX_BODY_BYTES;
            byte[] body = HttpRequests.body(ctx, limit, () -> tooLarge(limit));
            if (!(webhook && hasWebhookToken(ctx))) {
                verifier.verify(HttpRequests.signed(ctx, body));
            }
            Object result = action.run(body);
            if (result instanceof Reply reply) {
                respond(ctx, reply.status(), reply.body());
            } else {
                respond(ctx, status, result);
            }
        } catch (RekognitionException e) {
            error(ctx, e.type().httpStatus(), e.type().typeName(), e.getMessage());
        } catch (PipelineException e) {
            switch (e.kind()) {
                case BAD_REQUEST -> error(ctx, 400, "BadRequest", e.getMessage());
                case NOT_FOUND -> error(ctx, 404, "NotFound", e.getMessage());
                case CONFLICT -> error(ctx, 409, "Conflict", e.getMessage());
                case TOO_LARGE -> error(ctx, 413, "PayloadTooLarge", e.getMessage());
            }
        } catch (StorageException e) {
            boolean passing = e.kind() == StorageException.Kind.TRANSIENT;
            error(ctx, passing ? 503 : 502, passing ? "StoreUnavailable" : "StoreRefused", e.getMessage());
        } catch (IOException | RuntimeException e) {
            String requestId = UUID.randomUUID().toString();
            LOG.error("pipeline request {} {} ({}) failed", ctx.method(), ctx.path(), requestId, e);
            error(ctx, 500, "InternalError", "Internal server error (request " + requestId + ").");
        }
    }

    private static PipelineException tooLarge(int limit) {
        return new PipelineException(PipelineException.Kind.TOO_LARGE,
                "the body is larger than " + (limit >> 10) + " KiB, the most this endpoint takes");
    }

    private static JsonNode readObject(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // answered below, as for any other shape
        }
        throw new PipelineException(PipelineException.Kind.BAD_REQUEST, "the body must be a JSON object");
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIST_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIST_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new PipelineException(PipelineException.Kind.BAD_REQUEST,
                "limit must be a number from 1 to " + MAX_LIST_LIMIT + ", got " + value);
    }

    private static Map<String, Object> job(PipelineJob job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", job.id());
        out.put("state", job.state().label());
        out.put("progress", Math.round(job.progress() * 1000) / 1000.0);
        out.put("attempts", job.attempts());
        out.put("run", job.run());
        out.put("reason", job.reason());
        out.put("source", Map.of("uri", job.source().location().toString(), "eTag", job.source().eTag(),
                "size", job.source().size()));
        out.put("outputs", Map.of("video", job.video().toString(), "faces", job.faces().toString()));
        out.put("rule", job.ruleId());
        out.put("hide", job.hide().toString());
        out.put("createdAt", job.createdAt().toString());
        out.put("updatedAt", job.updatedAt().toString());
        out.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
        return out;
    }

    private static Map<String, Object> step(StepTiming t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", t.run());
        out.put("step", t.task());
        out.put("segment", t.segment());
        out.put("attempts", t.attempts());
        out.put("node", t.node());
        out.put("coordinationMs", t.coordinationMillis());
        out.put("processingMs", t.processingMillis());
        out.put("sourceCached", t.sourceCached());
        return out;
    }

    private static Map<String, Object> entry(HistoryEntry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", entry.state().label());
        out.put("at", entry.at().toString());
        out.put("node", entry.node());
        out.put("detail", entry.detail());
        return out;
    }

    private static void respond(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
    }

    private static void error(Context ctx, int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        try {
            respond(ctx, status, body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
