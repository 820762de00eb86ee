package faceblur.server;

import faceblur.rekognition.ErrorType;
import faceblur.rekognition.RekognitionException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Checks AWS Signature Version 4 on a received request, answering each failure with the error and wording AWS
 * gives, so that clients report it as they would against AWS ("Signature expired", "security token ... invalid").
 *
 * <p>A signature is for one region, as on AWS: the node's {@code --region} (us-east-1 unless given), which its
 * clients are configured with. Only the X-Amz-Date header is read for the time (every AWS SDK sends
 * it); the older Date header alone is refused. Presigned URLs (the signature in the query) are not accepted: no
 * Rekognition client makes them, and a URL that authorises a POST would only be one more thing to leak.
 */
public final class SigV4Verifier {

    /** How far X-Amz-Date may be from the server's clock, either way, as on AWS. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, String> secretsByAccessKey;
    private final String service;
    private final Clock clock;
    private final boolean checkSignatures;
    private final String region;

    public SigV4Verifier(Map<String, String> secretsByAccessKey, String service, Clock clock) {
        this(Map.copyOf(secretsByAccessKey), service, clock, true, null);
    }

    private SigV4Verifier(Map<String, String> secrets, String service, Clock clock, boolean checkSignatures,
                          String region) {
        this.secretsByAccessKey = secrets;
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.checkSignatures = checkSignatures;
        this.region = region;
    }

    /** This verifier, also refusing signatures scoped to another region than {@code region}, as AWS does. */
    public SigV4Verifier inRegion(String region) {
        return new SigV4Verifier(secretsByAccessKey, service, clock, checkSignatures, region);
    }

    /**
     * For a server with no keys configured, which its caller allows on loopback only: any key and any signature
     * pass, but the request must still carry a well-formed SigV4 Authorization header for this service. That keeps
     * a bare curl or a browser from reaching the API by accident, costs real clients nothing (boto3, the CLI and
     * the SDKs always sign, and refuse to run without some credentials), and still names an access key id.
     */
    public static SigV4Verifier acceptingAnySignature(String service) {
        return new SigV4Verifier(Map.of(), service, Clock.systemUTC(), false, null);
    }

    /** The access key id that signed the request, or the error AWS would answer with. */
    public String verify(SignedRequest request) {
        String header = request.firstHeader("Authorization").orElseThrow(() -> new RekognitionException(
                ErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token"));
        AuthorizationHeader auth = AuthorizationHeader.parse(header);
        if (!auth.service().equals(service)) {
            throw invalid("Credential should be scoped to correct service: '" + service + "'. ");
        }
        if (region != null && !auth.region().equals(region)) {
            throw invalid("Credential should be scoped to a valid region. This endpoint is in '" + region
                    + "', the signature is for '" + auth.region() + "': configure the client with region " + region
                    + " (or start the node with --region " + auth.region() + "). ");
        }
        if (!auth.terminator().equals("aws4_request")) {
            throw invalid("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + auth.terminator() + "'. ");
        }
        if (!checkSignatures) {
            return auth.accessKeyId();
        }
        String amzDate = request.firstHeader("X-Amz-Date").map(String::trim).orElseThrow(() ->
                new RekognitionException(ErrorType.INCOMPLETE_SIGNATURE,
                        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
                                + " Authorization=" + header));
        Instant signedAt = parseDate(amzDate, header);
        if (!auth.signedHeaders().contains("host")) {
            // Without Host the signature would not bind the request to this endpoint.
            throw new RekognitionException(ErrorType.INCOMPLETE_SIGNATURE,
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!amzDate.startsWith(auth.date())) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + auth.date() + "' != '" + amzDate.substring(0, Math.min(8, amzDate.length())) + "', from '"
                    + amzDate + "'.");
        }
        String secret = secretsByAccessKey.get(auth.accessKeyId());
        if (secret == null) {
            throw new RekognitionException(ErrorType.UNRECOGNIZED_CLIENT,
                    "The security token included in the request is invalid.");
        }
        checkClock(signedAt);
        String payloadHash = payloadHash(request);
        String canonical = CanonicalRequest.of(request, auth.signedHeaders(), payloadHash);
        String stringToSign = AuthorizationHeader.ALGORITHM + "\n" + amzDate + "\n" + auth.scope() + "\n"
                + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] expected = HEX.formatHex(signature(secret, auth, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            // AWS shows both strings: they hold nothing secret and are how a client finds what a proxy changed.
            throw invalid("The request signature we calculated does not match the signature you provided. Check your"
                    + " AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n"
                    + "The Canonical String for this request should have been\n'" + canonical + "'\n\n"
                    + "The String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
        return auth.accessKeyId();
    }

    private static Instant parseDate(String amzDate, String header) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new RekognitionException(ErrorType.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'."
                    + " Got '" + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601 Authorization=" + header);
        }
    }

    private void checkClock(Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw invalid("Signature expired: " + format(signedAt) + " is now earlier than "
                    + format(now.minus(MAX_SKEW)) + " (" + format(now) + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalid("Signature not yet current: " + format(signedAt) + " is still later than "
                    + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 5 min.)");
        }
    }

    /**
     * The hash of the body actually received. A client's X-Amz-Content-SHA256 is signed in its place, so it must
     * equal the real one: otherwise a signed request could carry any body (and UNSIGNED-PAYLOAD would leave the
     * body unauthenticated, which a JSON API has no reason to allow).
     */
    private static String payloadHash(SignedRequest request) {
        String actual = HEX.formatHex(sha256(request.body()));
        request.firstHeader("X-Amz-Content-SHA256").map(String::trim).ifPresent(claimed -> {
            if (!claimed.equalsIgnoreCase(actual)) {
                throw invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
        });
        return actual;
    }

    private static byte[] signature(String secret, AuthorizationHeader auth, String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, auth.terminator());
        return hmac(key, stringToSign);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String format(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static RekognitionException invalid(String message) {
        return new RekognitionException(ErrorType.INVALID_SIGNATURE, message);
    }
}
