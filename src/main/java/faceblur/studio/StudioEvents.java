package faceblur.studio;

import io.javalin.http.sse.SseClient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes what changes to every open page (server-sent events): a project's progress while it is analysed,
 * followed or exported, and a new revision after every decision, so that two tabs on one project agree.
 */
final class StudioEvents {

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    void add(SseClient client) {
        clients.add(client);
        client.onClose(() -> clients.remove(client));
        client.keepAlive();
    }

    /** Sends {@code json} as an event named {@code name} to every page. */
    void publish(String name, String json) {
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
                continue;
            }
            try {
                c.sendEvent(name, json);
            } catch (RuntimeException e) {
                clients.remove(c); // a page that went away
            }
        }
    }

    /**
     * Forgets the pages. Their streams end with the HTTP server, which stops first: closing a stream whose
     * request the server has already recycled makes Javalin fail in a loop.
     */
    void close() {
        clients.clear();
    }
}
