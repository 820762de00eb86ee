package faceblur.server;

import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Javalin request as SigV4 verifies it. */
final class HttpRequests {

    private HttpRequests() {
    }

    static SignedRequest signed(Context ctx, byte[] body) {
        return new SignedRequest(ctx.method().name(), ctx.req().getRequestURI(), ctx.req().getQueryString(),
                headers(ctx), body);
    }

    private static Map<String, List<String>> headers(Context ctx) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
        }
        return headers;
    }
}
