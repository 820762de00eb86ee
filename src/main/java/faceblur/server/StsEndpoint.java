package faceblur.server;

import faceblur.rekognition.ErrorType;
import faceblur.rekognition.RekognitionException;
import io.javalin.http.Context;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one call of AWS STS that scripts make before anything else: {@code GetCallerIdentity}, in STS's query
 * protocol (a form body, an XML answer). The AWS notebook's first cell asks it for the account id to name its
 * bucket; without it, the notebook stops there. Signed like every other request, for the service {@code sts}.
 */
final class StsEndpoint {

    static final String SIGNING_SERVICE = "sts";
    /** A GetCallerIdentity body is about 45 bytes. */
    private static final int MAX_BODY_BYTES = 4096;
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final SigV4Verifier verifier;
    private final String accountId;

    StsEndpoint(SigV4Verifier verifier, String accountId) {
        this.verifier = verifier;
        this.accountId = accountId;
    }

    /** Whether a request to {@code POST /} is signed for STS rather than for Rekognition. */
    static boolean isFor(Context ctx) {
        String auth = ctx.header("Authorization");
        return auth != null && auth.contains("/" + SIGNING_SERVICE + "/aws4_request");
    }

    void handle(Context ctx) {
        String requestId = UUID.randomUUID().toString();
        try {
            byte[] body = readBody(ctx);
            verifier.verify(HttpRequests.signed(ctx, body));
            String action = form(new String(body, StandardCharsets.UTF_8)).getOrDefault("Action", "");
            if (!action.equals("GetCallerIdentity")) {
                error(ctx, requestId, 400, "InvalidAction", "Could not find operation " + action
                        + " for version 2011-06-15; faceblur answers only GetCallerIdentity.");
                return;
            }
            String keyId = AuthorizationHeader.parse(ctx.header("Authorization")).accessKeyId();
            String xml = "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\">"
                    + "<GetCallerIdentityResult>"
                    + "<Arn>arn:aws:iam::" + accountId + ":user/" + xmlText(keyId) + "</Arn>"
                    + "<UserId>" + xmlText(keyId) + "</UserId>"
                    + "<Account>" + accountId + "</Account>"
                    + "</GetCallerIdentityResult>"
                    + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                    + "</GetCallerIdentityResponse>";
            ctx.status(200).contentType("text/xml").result(xml);
        } catch (RekognitionException e) {
            // The verifier's refusals, in STS's words: the same codes, in its XML error shape.
            error(ctx, requestId, e.type().httpStatus(), e.type().typeName(), e.getMessage());
        }
    }

    private static void error(Context ctx, String requestId, int status, String code, String message) {
        ctx.status(status).contentType("text/xml").result("<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error>"
                + "<Type>Sender</Type><Code>" + xmlText(code) + "</Code><Message>" + xmlText(message) + "</Message>"
                + "</Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
    }

    private static byte[] readBody(Context ctx) {
        try {
            return HttpRequests.body(ctx, MAX_BODY_BYTES, () -> new RekognitionException(ErrorType.VALIDATION,
                    "An STS request body is at most " + MAX_BODY_BYTES + " bytes."));
        } catch (IOException e) {
            throw new RekognitionException(ErrorType.SERIALIZATION, "Could not read the request body.");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
