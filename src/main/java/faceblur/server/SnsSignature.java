package faceblur.server;

import com.fasterxml.jackson.databind.JsonNode;
import faceblur.pipeline.PipelineException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks an SNS message's signature as AWS documents it: the certificate comes from an SNS host only
 * ({@code https://sns.REGION.amazonaws.com/...pem}), and it signs the message's fields in their fixed order,
 * with SHA1withRSA (SignatureVersion 1) or SHA256withRSA (2). Without this, anyone who learned the webhook
 * token could forge a Notification naming any SigningCertURL.
 */
final class SnsSignature {

    /** Fetches the certificate at a URL already checked to be an SNS host's: a seam for tests without network. */
    interface CertificateFetcher {
        X509Certificate fetch(URI url) throws IOException, GeneralSecurityException;
    }

    private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    private static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> SUBSCRIPTION_FIELDS = List.of("Message", "MessageId", "SubscribeURL",
            "Timestamp", "Token", "TopicArn", "Type");
    private static final Map<String, String> ALGORITHMS = Map.of("1", "SHA1withRSA", "2", "SHA256withRSA");

    private final CertificateFetcher fetcher;
    private final Map<URI, X509Certificate> certificates = new ConcurrentHashMap<>();

    SnsSignature(CertificateFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** Fetches certificates over HTTPS, each once. */
    static SnsSignature overHttps() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new SnsSignature(url -> {
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode());
                }
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(r.body()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        });
    }

    /** Returns when {@code message} is signed by SNS; else a bad request saying why. */
    void verify(JsonNode message) {
        String type = message.path("Type").asText("");
        List<String> fields = type.equals("Notification") ? NOTIFICATION_FIELDS : SUBSCRIPTION_FIELDS;
        String algorithm = ALGORITHMS.get(message.path("SignatureVersion").asText(""));
        if (algorithm == null) {
            throw refused("its SignatureVersion is not 1 or 2");
        }
        URI certUrl = certificateUrl(message.path("SigningCertURL").asText(""));
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(message.path("Signature").asText(""));
        } catch (IllegalArgumentException e) {
            throw refused("its Signature is not Base64");
        }
        StringBuilder signed = new StringBuilder();
        for (String field : fields) {
            JsonNode value = message.get(field);
            if (value != null && value.isTextual()) {
                signed.append(field).append('\n').append(value.asText()).append('\n');
            } else if (!field.equals("Subject")) {
                throw refused("it has no " + field);
            }
        }
        try {
            X509Certificate certificate = certificates.get(certUrl);
            if (certificate == null) {
                certificate = fetcher.fetch(certUrl);
                certificates.put(certUrl, certificate);
            }
            Signature check = Signature.getInstance(algorithm);
            check.initVerify(certificate);
            check.update(signed.toString().getBytes(StandardCharsets.UTF_8));
            if (!check.verify(signature)) {
                throw refused("its signature does not match");
            }
        } catch (SignatureException e) {
            throw refused("its signature does not match (" + e.getMessage() + ")");
        } catch (IOException | GeneralSecurityException e) {
            throw refused("its signing certificate could not be used (" + e.getMessage() + ")");
        }
    }

    /** An https URL of a .pem file on an SNS host, or a refusal. */
    private static URI certificateUrl(String text) {
        try {
            URI url = URI.create(text);
            if ("https".equals(url.getScheme()) && url.getHost() != null && SNS_HOST.matcher(url.getHost()).matches()
                    && url.getPort() == -1 && url.getPath() != null && url.getPath().endsWith(".pem")) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw refused("its SigningCertURL is not an https .pem address on an SNS host (sns.REGION.amazonaws.com)");
    }

    private static PipelineException refused(String why) {
        return new PipelineException(PipelineException.Kind.BAD_REQUEST, "SNS message refused: " + why);
    }
}
