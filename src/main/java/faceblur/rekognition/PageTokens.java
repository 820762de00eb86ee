package faceblur.rekognition;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Opaque {@code NextToken}s for {@code GetFaceDetection}: where the next page starts, signed so a client can
 * neither forge one nor move it to another job, and valid for 24 hours as Rekognition's are.
 *
 * <p>A token is URL-safe base64 (no padding) of {@code version(1) | offset(4) | issuedAtSeconds(8) | HMAC-SHA256(32)},
 * 60 characters, well under the model's 255. The job id is not in the token but in what the MAC covers, so a token
 * checks only against the job it was issued for. The secret comes from the caller, who keeps it across restarts.
 */
public final class PageTokens {

    public static final Duration LIFETIME = Duration.ofHours(24);

    private static final byte VERSION = 1;
    private static final int PAYLOAD_BYTES = 1 + 4 + 8;
    private static final int MAC_BYTES = 32;
    private static final int MIN_SECRET_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;

    public PageTokens(byte[] secret) {
        this(secret, Clock.systemUTC());
    }

    public PageTokens(byte[] secret, Clock clock) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a page token secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String issue(String jobId, int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " < 0");
        }
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES + MAC_BYTES)
                .put(VERSION)
                .putInt(offset)
                .putLong(clock.instant().getEpochSecond());
        payload.put(mac(jobId, payload.array(), PAYLOAD_BYTES));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
    }

    /** The offset a token of this job points at; any token this class did not issue for the job, or too old, fails. */
    public int offsetOf(String token, String jobId) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(Objects.requireNonNull(token, "token"));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (bytes.length != PAYLOAD_BYTES + MAC_BYTES || bytes[0] != VERSION) {
            throw invalid();
        }
        byte[] expected = mac(jobId, bytes, PAYLOAD_BYTES);
        byte[] given = Arrays.copyOfRange(bytes, PAYLOAD_BYTES, bytes.length);
        if (!MessageDigest.isEqual(expected, given)) {
            throw invalid();
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, 1, PAYLOAD_BYTES - 1);
        int offset = payload.getInt();
        Instant issued = Instant.ofEpochSecond(payload.getLong());
        if (clock.instant().isAfter(issued.plus(LIFETIME))) {
            throw new RekognitionException(ErrorType.INVALID_PAGINATION_TOKEN,
                    "Invalid Pagination Token: it expired " + LIFETIME.toHours() + " hours after it was issued");
        }
        return offset;
    }

    private byte[] mac(String jobId, byte[] payload, int length) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // The job id is length-prefixed so that no (job id, payload) pair can be read as another.
            byte[] job = Objects.requireNonNull(jobId, "jobId").getBytes(StandardCharsets.UTF_8);
            mac.update(ByteBuffer.allocate(4).putInt(job.length).array());
            mac.update(job);
            mac.update(payload, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static RekognitionException invalid() {
        // Rekognition's own wording; the client learns nothing about why, which is all it may do about it.
        return new RekognitionException(ErrorType.INVALID_PAGINATION_TOKEN, "Invalid Pagination Token");
    }
}
