package faceblur.server;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An HTTP request as SigV4 sees it, independent of the HTTP server that received it: the path and query exactly as
 * they came on the wire (still percent-encoded), every header with all its values, and the body.
 *
 * @param headers looked up case-insensitively, whatever map is passed in
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                            byte[] body) {

    public SignedRequest {
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        // Two spellings of one name (a map built by hand may hold both) are one header with all the values.
        headers.forEach((name, values) -> byName.merge(name, List.copyOf(values),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        headers = Collections.unmodifiableMap(byName);
        body = body == null ? new byte[0] : body;
    }

    /** All values of a header, in the order they came; empty when it is absent. */
    public List<String> header(String name) {
        return headers.getOrDefault(name, List.of());
    }

    public Optional<String> firstHeader(String name) {
        return header(name).stream().findFirst();
    }
}
