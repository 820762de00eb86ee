package faceblur.server;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** A Javalin request as SigV4 verifies it, and its body read within a limit. */
final class HttpRequests {

    private HttpRequests() {
    }

    static SignedRequest signed(Context ctx, byte[] body) {
        return new SignedRequest(ctx.method().name(), ctx.req().getRequestURI(), ctx.req().getQueryString(),
                headers(ctx), body);
    }

    /**
     * The body, refused with {@code tooLarge} before it is read whole when it passes {@code limit}, by its declared
     * or its streamed length: every endpoint of the API port reads its body this way.
     */
    static byte[] body(Context ctx, int limit, Supplier<? extends RuntimeException> tooLarge) throws IOException {
        if (ctx.req().getContentLengthLong() > limit) {
            throw tooLarge.get();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge.get();
            }
            return body;
        }
    }

    private static Map<String, List<String>> headers(Context ctx) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
        }
        return headers;
    }
}
