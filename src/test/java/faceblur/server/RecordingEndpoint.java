package faceblur.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import faceblur.rekognition.RekognitionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A loopback HTTP endpoint that records what real AWS clients send, byte for byte, and answers with a canned
 * Rekognition response or error: the wire as the real server will see it, without the real server.
 */
final class RecordingEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<SignedRequest> received = new ArrayList<>();
    private volatile String responseJson = "{}";
    private volatile RekognitionException error;

    RecordingEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(String json) {
        this.responseJson = json;
        this.error = null;
    }

    void fail(RekognitionException error) {
        this.error = error;
    }

    synchronized List<SignedRequest> received() {
        return List.copyOf(received);
    }

    synchronized SignedRequest last() {
        return received.get(received.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        URI uri = exchange.getRequestURI();
        synchronized (this) {
            received.add(new SignedRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders(), body));
        }
        RekognitionException e = error;
        byte[] out = (e == null ? responseJson : json(e)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        if (e != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", e.type().typeName());
        }
        exchange.sendResponseHeaders(e == null ? 200 : e.type().httpStatus(), out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private static String json(RekognitionException e) {
        try {
            return JSON.writeValueAsString(e.toResponse());
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
