package faceblur.studio;

import io.javalin.http.sse.SseClient;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Pushes what changes to every open page (server-sent events): a project's progress while it is analysed,
 * followed or exported, and a new revision after every decision, so that two tabs on one project agree.
 *
 * <p>{@link #publish} only queues: it is called with a project's lock held, on the path of every decision and of
 * the analysis, and a page that stopped reading (a stalled tab, a laptop lid closed) would otherwise block them
 * all on a full socket. Each page has its own queue and its own thread that writes it; a queue that fills up
 * drops its oldest events, which every later status supersedes.
 */
final class StudioEvents {

    /** Events a page may lag behind by before its oldest are dropped. */
    static final int QUEUE = 64;
    private static final int MAX_PAGES = 200;
    private static final long STOP_WAIT_MILLIS = 2_000;

    private record Event(String name, String json) {
    }

    /** One page's stream: its queue, and the thread that writes it. */
    private final class Page implements Runnable {
        private final SseClient client;
        private final LinkedBlockingDeque<Event> queue = new LinkedBlockingDeque<>(QUEUE);
        private volatile Thread writer;

        Page(SseClient client) {
            this.client = client;
        }

        void offer(Event e) {
            while (!queue.offerLast(e)) {
                queue.pollFirst();
            }
        }

        @Override
        public void run() {
            try {
                while (!client.terminated()) {
                    Event e = queue.take();
                    client.sendEvent(e.name(), e.json());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the page went away
            } finally {
                pages.remove(this);
            }
        }

        void stop() {
            pages.remove(this);
            Thread t = writer;
            if (t != null) {
                t.interrupt();
            }
        }

        /** Stops the writer and waits for it, a little: a write to a stalled page ends with the interrupt. */
        void stopAndWait() {
            stop();
            Thread t = writer;
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(STOP_WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private final Set<Page> pages = ConcurrentHashMap.newKeySet();

    void add(SseClient client) {
        if (pages.size() >= MAX_PAGES) {
            client.close();
            return;
        }
        Page page = new Page(client);
        pages.add(page);
        client.onClose(page::stop);
        Thread t = new Thread(page, "studio-events");
        t.setDaemon(true);
        page.writer = t;
        t.start();
        client.keepAlive();
    }

    /** Queues {@code json} as an event named {@code name} for every page; never waits for one. */
    void publish(String name, String json) {
        Event e = new Event(name, json);
        for (Page p : pages) {
            p.offer(e);
        }
    }

    /**
     * Stops the writers and waits for them; called before the HTTP server stops. An event written after the
     * server recycled its request made Javalin fail in an endless loop of logged NullPointerExceptions (3.7
     * million lines in one test run, its stderr drowning the tests after it).
     */
    void close() {
        List<Page> open = List.copyOf(pages);
        pages.clear();
        open.forEach(Page::stopAndWait);
    }
}
