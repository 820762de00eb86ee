package faceblur.rekognition;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2026-03-14T12:00:00Z");
    private static final String JOB = "7f3c1e9a-job";

    private static PageTokens at(Instant instant) {
        return new PageTokens(SECRET, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static void assertInvalid(PageTokens tokens, String token, String jobId) {
        assertThatThrownBy(() -> tokens.offsetOf(token, jobId)).isInstanceOfSatisfying(RekognitionException.class,
                e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_PAGINATION_TOKEN);
                    assertThat(e.getMessage()).startsWith("Invalid Pagination Token");
                });
    }

    @Test
    void roundTrip() {
        PageTokens tokens = at(T0);
        for (int offset : new int[] {0, 1, 1000, Integer.MAX_VALUE}) {
            assertThat(tokens.offsetOf(tokens.issue(JOB, offset), JOB)).isEqualTo(offset);
        }
    }

    @Test
    void aTokenSurvivesARestartWithTheSameSecret() {
        String token = at(T0).issue(JOB, 42);
        assertThat(new PageTokens(SECRET.clone(), Clock.fixed(T0, ZoneOffset.UTC)).offsetOf(token, JOB)).isEqualTo(42);
    }

    @Test
    void tokensAreShortUrlSafeAndOpaque() {
        String token = at(T0).issue("j".repeat(64), Integer.MAX_VALUE);
        assertThat(token).hasSizeLessThanOrEqualTo(255).matches("[A-Za-z0-9_-]+");
        assertThat(token).doesNotContain("jjj");
    }

    @Test
    void everyFlippedBitIsRefused() {
        PageTokens tokens = at(T0);
        byte[] bytes = Base64.getUrlDecoder().decode(tokens.issue(JOB, 5));
        for (int i = 0; i < bytes.length * 8; i++) {
            byte[] tampered = bytes.clone();
            tampered[i / 8] ^= (byte) (1 << (i % 8));
            assertInvalid(tokens, Base64.getUrlEncoder().withoutPadding().encodeToString(tampered), JOB);
        }
    }

    @Test
    void truncatedGarbageAndEmptyTokensAreRefused() {
        PageTokens tokens = at(T0);
        String token = tokens.issue(JOB, 5);
        assertInvalid(tokens, token.substring(0, token.length() - 1), JOB);
        assertInvalid(tokens, token + "A", JOB);
        assertInvalid(tokens, "not base64!", JOB);
        assertInvalid(tokens, "", JOB);
    }

    @Test
    void anotherJobsTokenIsRefused() {
        PageTokens tokens = at(T0);
        assertInvalid(tokens, tokens.issue("job-a", 5), "job-b");
    }

    @Test
    void anotherSecretsTokenIsRefused() {
        String token = new PageTokens("another secret of 32 bytes .....".getBytes(StandardCharsets.US_ASCII),
                Clock.fixed(T0, ZoneOffset.UTC)).issue(JOB, 5);
        assertInvalid(at(T0), token, JOB);
    }

    @Test
    void tokensExpireAfter24Hours() {
        String token = at(T0).issue(JOB, 5);
        assertThat(at(T0.plus(Duration.ofHours(24))).offsetOf(token, JOB)).isEqualTo(5);
        assertInvalid(at(T0.plus(Duration.ofHours(24)).plusSeconds(1)), token, JOB);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new PageTokens(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
