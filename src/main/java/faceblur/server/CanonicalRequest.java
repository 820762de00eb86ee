package faceblur.server;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SigV4 canonical request of a received request, per AWS's published signing specification, over exactly
 * the headers the client listed in SignedHeaders.
 *
 * <p>Why not the SDK's {@code AwsV4HttpSigner}: it picks its own header set (adds Host and X-Amz-Date, leaves out
 * User-Agent, Expect and the like), so it cannot reproduce a signature over another client's SignedHeaders; the
 * canonicalisation helpers it uses live in {@code ...signer.internal} packages with no stability promise. The
 * tests check this class against requests signed by the SDK, botocore and the AWS CLI.
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    static String of(SignedRequest request, List<String> signedHeaders, String payloadHash) {
        return String.join("\n",
                request.method().toUpperCase(Locale.ROOT),
                uri(request.rawPath()),
                query(request.rawQuery()),
                headers(request, signedHeaders),
                String.join(";", signedHeaders),
                payloadHash);
    }

    /**
     * The path as sent, dot segments removed, then encoded once more: every service but S3 signs the already
     * encoded path encoded again (botocore quotes it with safe='/~', the Java SDK double-encodes).
     */
    private static String uri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String normalized = URI.create("http://h" + rawPath).normalize().getRawPath();
        return encode(normalized.isEmpty() ? "/" : normalized, "/");
    }

    /** Parameters decoded, then encoded strictly and sorted by name, then value; "a" is "a=". */
    private static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name), ""), encode(decode(value), "")});
        }
        return pairs.stream()
                .sorted(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]))
                .map(p -> p[0] + "=" + p[1])
                .collect(Collectors.joining("&"));
    }

    /** Each signed header, its values trimmed, inner runs of spaces made one, several values joined by ','. */
    private static String headers(SignedRequest request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            String value = request.header(name).stream()
                    .map(v -> v.trim().replaceAll("\\s+", " "))
                    .collect(Collectors.joining(","));
            out.append(name).append(':').append(value).append('\n');
        }
        return out.toString();
    }

    /** RFC 3986 percent-encoding: only unreserved characters (and those in {@code keep}) stay as they are. */
    private static String encode(String value, String keep) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || keep.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding only: unlike form decoding, '+' stays a plus, as SigV4 clients mean it. */
    private static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length
                    && Character.digit(bytes[i + 1], 16) >= 0 && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
