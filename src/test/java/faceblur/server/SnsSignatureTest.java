package faceblur.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faceblur.pipeline.PipelineException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SNS signatures, checked with a key and certificate made here by the JDK's keytool and handed over by the
 * certificate fetcher (no network): version 1 (SHA1withRSA) and 2 (SHA256withRSA) verify; a changed field, a
 * certificate from anywhere but an SNS host over https, or a forged signature is refused.
 */
class SnsSignatureTest {

    private static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem";
    private static PrivateKey key;
    private static X509Certificate certificate;
    private final List<URI> fetched = new ArrayList<>();
    private final SnsSignature sns = new SnsSignature(url -> {
        fetched.add(url);
        return certificate;
    });

    @BeforeAll
    static void makeKey(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("sns.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=sns.test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "secret")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "secret".toCharArray());
        }
        key = (PrivateKey) ks.getKey("sns", "secret".toCharArray());
        certificate = (X509Certificate) ks.getCertificate("sns");
    }

    private static ObjectNode notification(String version) throws Exception {
        ObjectNode m = new ObjectMapper().createObjectNode();
        m.put("Type", "Notification").put("MessageId", "m-1").put("TopicArn", "arn:aws:sns:eu-west-1:1:uploads")
                .put("Subject", "Amazon S3 Notification").put("Message", "{\"Records\":[]}")
                .put("Timestamp", "2026-01-01T00:00:00.000Z").put("SignatureVersion", version)
                .put("SigningCertURL", CERT_URL);
        String signed = "Message\n{\"Records\":[]}\nMessageId\nm-1\nSubject\nAmazon S3 Notification\nTimestamp\n"
                + "2026-01-01T00:00:00.000Z\nTopicArn\narn:aws:sns:eu-west-1:1:uploads\nType\nNotification\n";
        Signature s = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
        s.initSign(key);
        s.update(signed.getBytes(StandardCharsets.UTF_8));
        m.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
        return m;
    }

    @Test
    void versionOneAndTwoVerify() throws Exception {
        sns.verify(notification("1"));
        sns.verify(notification("2"));
        assertThat(fetched).as("fetched once, from the SNS host").containsExactly(URI.create(CERT_URL));
    }

    @Test
    void changedMessageIsRefused() throws Exception {
        ObjectNode m = notification("2");
        m.put("Message", "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"}]}");
        assertRefused(m, "does not match");
    }

    @Test
    void certificateOnlyFromAnSnsHostOverHttps() throws Exception {
        for (String url : List.of("http://sns.eu-west-1.amazonaws.com/c.pem", "https://evil.example/c.pem",
                "https://sns.eu-west-1.amazonaws.com.evil.example/c.pem", "https://sns.eu-west-1.amazonaws.com:8443/c.pem",
                "https://sns.eu-west-1.amazonaws.com/c.txt", "not a url")) {
            ObjectNode m = notification("2");
            m.put("SigningCertURL", url);
            assertRefused(m, "SigningCertURL");
        }
        assertThat(fetched).isEmpty();
    }

    @Test
    void unknownVersionOrMissingSignatureIsRefused() throws Exception {
        assertRefused(notification("3"), "SignatureVersion");
        ObjectNode m = notification("1");
        m.put("Signature", Base64.getEncoder().encodeToString(new byte[256]));
        assertRefused(m, "does not match");
    }

    private void assertRefused(ObjectNode message, String reason) {
        assertThatThrownBy(() -> sns.verify(message)).isInstanceOf(PipelineException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((PipelineException) e).kind()).isEqualTo(PipelineException.Kind.BAD_REQUEST));
    }
}
