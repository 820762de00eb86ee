package faceblur.server;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Rekognition requests signed by the AWS SDK for Java v2's own SigV4 signer, as our verifier receives them. */
final class SdkSigning {

    static final String REGION = "eu-west-1";

    private SdkSigning() {
    }

    static SignedRequest sign(String target, String json, String accessKey, String secret, Instant at) {
        return sign(URI.create("http://127.0.0.1:8080/"), target, json.getBytes(StandardCharsets.UTF_8), accessKey,
                secret, at);
    }

    static SignedRequest sign(URI endpoint, String target, byte[] body, String accessKey, String secret, Instant at) {
        SdkHttpRequest http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "RekognitionService." + target)
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(http)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "rekognition")
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        URI uri = signed.getUri();
        return new SignedRequest(signed.method().name(), uri.getRawPath(), uri.getRawQuery(), signed.headers(), body);
    }
}
