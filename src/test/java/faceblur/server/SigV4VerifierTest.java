package faceblur.server;

import faceblur.rekognition.ErrorType;
import faceblur.rekognition.RekognitionException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4VerifierTest {

    private static final String KEY = "AKIAFACEBLURTEST0001";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-03-14T15:09:26Z");
    private static final String BODY = "{\"JobId\":\"job-1\",\"MaxResults\":10}";

    private final SigV4Verifier verifier =
            new SigV4Verifier(Map.of(KEY, SECRET, "AKIAOTHER", "other-secret"), "rekognition", clockAt(NOW));

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static SignedRequest signed() {
        return SdkSigning.sign("GetFaceDetection", BODY, KEY, SECRET, NOW);
    }

    @Test
    void sdkSignedRequestVerifiesAndNamesItsKey() {
        assertThat(verifier.verify(signed())).isEqualTo(KEY);
    }

    @Test
    void clockWithinFiveMinutesEitherWayIsAccepted() {
        SignedRequest request = signed();
        for (Duration skew : List.of(Duration.ofMinutes(-5), Duration.ofMinutes(5))) {
            SigV4Verifier skewed = new SigV4Verifier(Map.of(KEY, SECRET), "rekognition", clockAt(NOW.plus(skew)));
            assertThat(skewed.verify(request)).isEqualTo(KEY);
        }
    }

    @Test
    void oneFlippedBodyByteFailsTheSignature() {
        SignedRequest request = signed();
        byte[] body = request.body().clone();
        body[body.length - 3] ^= 1;
        // The SDK's signer sends X-Amz-Content-SHA256, so the body is caught by its hash before the signature.
        assertThat(request.firstHeader("x-amz-content-sha256")).isPresent();
        assertError(withBody(request, body), ErrorType.INVALID_SIGNATURE, "x-amz-content-sha256");
        SignedRequest withoutHash = withHeader(withBody(request, body), "X-Amz-Content-SHA256", null);
        assertError(withoutHash, ErrorType.INVALID_SIGNATURE,
                "The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void aChangedSignedHeaderFailsTheSignature() {
        SignedRequest request = withHeader(signed(), "X-Amz-Target", "RekognitionService.StartFaceDetection");
        assertError(request, ErrorType.INVALID_SIGNATURE, "The request signature we calculated does not match");
    }

    @Test
    void anAddedUnsignedHeaderDoesNotMatter() {
        assertThat(verifier.verify(withHeader(signed(), "User-Agent", "proxy/1.0"))).isEqualTo(KEY);
    }

    @Test
    void aWrongSecretFailsTheSignature() {
        SignedRequest request = SdkSigning.sign("GetFaceDetection", BODY, KEY, "not-the-secret", NOW);
        assertError(request, ErrorType.INVALID_SIGNATURE, "does not match the signature you provided");
    }

    @Test
    void anotherKnownKeysSignatureDoesNotPassForThisKey() {
        SignedRequest request = SdkSigning.sign("GetFaceDetection", BODY, "AKIAOTHER", SECRET, NOW);
        assertError(request, ErrorType.INVALID_SIGNATURE, "does not match");
    }

    @Test
    void anUnknownKeyIsAnUnrecognizedClient() {
        SignedRequest request = SdkSigning.sign("GetFaceDetection", BODY, "AKIAUNKNOWN", SECRET, NOW);
        assertError(request, ErrorType.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }

    @Test
    void aSignatureOlderThanFiveMinutesHasExpired() {
        SignedRequest request = SdkSigning.sign("GetFaceDetection", BODY, KEY, SECRET, NOW.minusSeconds(301));
        assertError(request, ErrorType.INVALID_SIGNATURE,
                "Signature expired: 20260314T150425Z is now earlier than 20260314T150426Z (20260314T150926Z - 5 min.)");
    }

    @Test
    void aSignatureFromMoreThanFiveMinutesAheadIsNotYetCurrent() {
        SignedRequest request = SdkSigning.sign("GetFaceDetection", BODY, KEY, SECRET, NOW.plusSeconds(301));
        assertError(request, ErrorType.INVALID_SIGNATURE, "Signature not yet current: 20260314T151427Z");
    }

    @Test
    void noAuthorizationHeaderIsAMissingToken() {
        SignedRequest request = withHeader(signed(), "Authorization", null);
        assertError(request, ErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    @Test
    void malformedAuthorizationHeadersAreIncompleteSignatures() {
        for (String header : List.of("AWS4-HMAC-SHA256 Credential=" + KEY + "/20260314/eu-west-1/rekognition/aws4_request",
                "AWS4-HMAC-SHA256", "Bearer abc", "AWS4-HMAC-SHA256 Credential=" + KEY
                        + ", SignedHeaders=host, Signature=00")) {
            assertError(withHeader(signed(), "Authorization", header), ErrorType.INCOMPLETE_SIGNATURE, "");
        }
    }

    /** A node in one region refuses signatures for another, as AWS does; a signature for its own passes. */
    @Test
    void aSignatureForAnotherRegionIsRefused() {
        SigV4Verifier elsewhere = new SigV4Verifier(Map.of(KEY, SECRET), "rekognition", clockAt(NOW)).inRegion("us-east-1");
        assertThatThrownBy(() -> elsewhere.verify(signed()))
                .isInstanceOfSatisfying(RekognitionException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_SIGNATURE);
                    assertThat(e.getMessage()).contains("Credential should be scoped to a valid region")
                            .contains("us-east-1").contains(SdkSigning.REGION);
                });
        assertThatThrownBy(() -> SigV4Verifier.acceptingAnySignature("rekognition").inRegion("us-east-1")
                .verify(signed())).isInstanceOf(RekognitionException.class);
        SigV4Verifier here = new SigV4Verifier(Map.of(KEY, SECRET), "rekognition", clockAt(NOW))
                .inRegion(SdkSigning.REGION);
        assertThat(here.verify(signed())).isEqualTo(KEY);
    }

    @Test
    void aSignatureForAnotherServiceIsRefused() {
        SigV4Verifier s3 = new SigV4Verifier(Map.of(KEY, SECRET), "s3", clockAt(NOW));
        assertThatThrownBy(() -> s3.verify(signed()))
                .isInstanceOfSatisfying(RekognitionException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_SIGNATURE);
                    assertThat(e.getMessage()).contains("Credential should be scoped to correct service: 's3'");
                });
    }

    @Test
    void aContentHashHeaderThatIsNotTheBodysIsRefused() {
        SignedRequest request = withHeader(signed(), "X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD");
        assertError(request, ErrorType.INVALID_SIGNATURE, "x-amz-content-sha256");
    }

    @Test
    void acceptingAnySignatureStillWantsAWellFormedHeaderForTheService() {
        SigV4Verifier any = SigV4Verifier.acceptingAnySignature("rekognition");
        SignedRequest old = SdkSigning.sign("GetFaceDetection", BODY, "AKIAANY", "any", NOW.minusSeconds(3600));
        assertThat(any.verify(old)).isEqualTo("AKIAANY");
        assertThatThrownBy(() -> any.verify(withHeader(old, "Authorization", null)))
                .isInstanceOfSatisfying(RekognitionException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.MISSING_AUTHENTICATION_TOKEN));
        assertThatThrownBy(() -> any.verify(withHeader(old, "Authorization", "AWS4-HMAC-SHA256 Signature=1")))
                .isInstanceOfSatisfying(RekognitionException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.INCOMPLETE_SIGNATURE));
    }

    @Test
    void headerNamesAreLookedUpWhateverTheirCase() {
        SignedRequest request = signed();
        Map<String, List<String>> lower = new HashMap<>();
        request.headers().forEach((name, values) -> lower.put(name.toLowerCase(), values));
        SignedRequest relabelled = new SignedRequest("POST", "/", null, lower, request.body());
        assertThat(verifier.verify(relabelled)).isEqualTo(KEY);
    }

    private void assertError(SignedRequest request, ErrorType type, String message) {
        assertThatThrownBy(() -> verifier.verify(request))
                .isInstanceOfSatisfying(RekognitionException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static SignedRequest withBody(SignedRequest r, byte[] body) {
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(), body);
    }

    private static SignedRequest withHeader(SignedRequest r, String name, String value) {
        Map<String, List<String>> headers = new HashMap<>();
        r.headers().forEach((n, v) -> {
            if (!n.equalsIgnoreCase(name)) {
                headers.put(n, v);
            }
        });
        if (value != null) {
            headers.put(name, List.of(value));
        }
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
    }
}
