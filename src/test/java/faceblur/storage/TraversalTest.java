package faceblur.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faceblur.testing.Tools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Raw HTTP requests, as a hostile client would send them, to an endpoint with no keys (anyone may call it): no key
 * may read or write outside its bucket's folder. Checked on disk, not by trusting the server's answers.
 */
class TraversalTest {

    @TempDir
    static Path base;
    private static Path data;
    private static LocalS3Server server;
    private static Map<Path, String> before;

    @BeforeAll
    static void start() throws Exception {
        data = base.resolve("data");
        Files.writeString(base.resolve("secret.txt"), "SECRET-OUTSIDE");
        server = LocalS3Server.start(data, "127.0.0.1", 0, null, null);
        assertThat(send("PUT", "/bucket", null).statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/other", null).statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/other/o.txt", "SECRET-OTHER").statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/bucket/inside/x.txt", "INSIDE").statusCode()).isEqualTo(200);
        before = snapshot();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void nothingOnDiskChanged() throws IOException {
        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/bucket/../secret.txt", "/bucket/..%2fsecret.txt", "/bucket/%2e%2e%2fsecret.txt", "/bucket/%2e%2e/secret.txt",
            "/bucket/%2E%2E%2Fsecret.txt", "/bucket/..%2f..%2fsecret.txt", "/bucket/inside/..%2f..%2fother%2fo.txt",
            "/bucket/..%2fother%2fo.txt", "/bucket/inside%2f..%2f..%2fother%2fo.txt", "/bucket/inside/../../other/o.txt",
            "/bucket/%2fetc%2fpasswd", "/bucket//etc/passwd", "/bucket/..%5c..%5csecret.txt", "/bucket/inside%5c..%5cx.txt",
            "/bucket/inside/./x.txt", "/bucket/inside/%2e/x.txt", "/bucket/a%00b", "/bucket/a%0ab", "/bucket/a%7fb",
            "/bucket/.", "/bucket/%2e", "/bucket/inside/..", "/bucket/inside/%2e%2e", "/../secret.txt", "/%2e%2e/secret.txt",
            "/./other/o.txt", "/%2e/other/o.txt", "/bucket/..", "/..%2fdata%2fother/o.txt"})
    void hostileKeysNeitherReadNorWrite(String path) throws Exception {
        HttpResponse<String> get = send("GET", path, null);
        assertThat(get.statusCode()).as(path).isBetween(400, 499);
        assertThat(get.body()).doesNotContain("SECRET").doesNotContain("INSIDE");

        String target = path.replace("secret.txt", "pwned.txt").replace("o.txt", "pwned.txt").replace("x.txt", "pwned.txt");
        HttpResponse<String> put = send("PUT", target, "PWNED");
        assertThat(put.statusCode()).as(target).isBetween(400, 499);
        assertThat(send("DELETE", path, null).statusCode()).as(path).isNotEqualTo(204).isNotEqualTo(200);
        assertThat(send("POST", target + "?uploads", null).statusCode()).as(target).isBetween(400, 499);
    }

    @Test
    void guardAnswersWithS3sInvalidArgument() throws Exception {
        // S3Proxy alone stores "inside/./x.txt" as inside/x.txt, a second name for the same file.
        HttpResponse<String> put = send("PUT", "/bucket/inside/./y.txt", "ALIAS");
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(put.body()).contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void copySourceCannotReachAnotherPlace() throws Exception {
        for (String source : new String[] {"/bucket/../secret.txt", "/bucket/..%2f..%2fsecret.txt", "bucket/inside/../../other/o.txt",
                "/bucket/inside%2f..%2f..%2fother%2fo.txt"}) {
            HttpRequest copy = HttpRequest.newBuilder(URI.create(server.endpoint() + "/bucket/copied.txt"))
                    .header("x-amz-copy-source", source).PUT(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(copy, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(source).isBetween(400, 499);
        }
    }

    @Test
    void listingWithATraversingPrefixShowsNothingOutside() throws Exception {
        for (String prefix : new String[] {"..%2f", "..%2fother%2f", "%2e%2e%2f%2e%2e%2f", "inside%2f..%2f..%2f"}) {
            HttpResponse<String> list = send("GET", "/bucket?list-type=2&prefix=" + prefix, null);
            assertThat(list.statusCode()).as(prefix).isBetween(400, 499);
            assertThat(list.body()).doesNotContain("o.txt").doesNotContain("secret");
        }
    }

    @Test
    void curlWithPathAsIsIsRefusedToo() throws Exception {
        Path out = base.resolve("curl-out.txt");
        Tools.Result curl = Tools.run(java.util.List.of("curl", "-s", "--path-as-is", "-o", out.toString(),
                "-w", "%{http_code}", server.endpoint() + "/bucket/../../secret.txt"), null);
        assertThat(curl.out()).startsWith("4");
        assertThat(Files.readString(out)).doesNotContain("SECRET");
        Files.delete(out);
    }

    @Test
    void objectStoreRefusesBeforeSending() {
        try (ObjectStore store = ObjectStore.connect(S3Settings.of(server.endpoint(), "any", "any"))) {
            assertThatThrownBy(() -> store.download(new S3Location("bucket", "../secret.txt", null), base.resolve("x")))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_LOCATION));
            assertThatThrownBy(() -> store.list("..", null)).isInstanceOf(StorageException.class);
        }
        assertThat(base.resolve("x")).doesNotExist();
    }

    /**
     * A new connection for every request: after refusing a hostile path the server may close its connection,
     * and a pooled client that reuses it at that moment fails with "received no bytes" (seen once in a full run).
     */
    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Every file and folder under the temporary root, with the content of each file. */
    private static Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                files.put(base.relativize(p), Files.isDirectory(p) ? "<dir>" : Files.readString(p));
            }
        }
        return files;
    }
}
