package faceblur.studio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops guessing: a client (an address) that fails to sign in {@value #MAX_FAILURES} times within
 * {@link #WINDOW} is refused for {@link #LOCK}, right secret or not, so that parallel guessing gets a handful of
 * tries per lock instead of dozens a second. One right sign-in forgets the client's failures.
 */
final class SignInLockout {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(5);
    /** Bounds the memory a flood of addresses can take; the oldest are forgotten first. */
    private static final int MAX_CLIENTS = 10_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** A client's failures since {@code since}, and until when it is refused (null: it is not). */
    private record Failures(int count, Instant since, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> clients = new LinkedHashMap<>();

    SignInLockout(Clock clock) {
        this.clock = clock;
    }

    /** Throws 429, saying when to try again, while {@code client} is locked out. */
    synchronized void check(String client) {
        Failures f = clients.get(client);
        Instant now = clock.instant();
        if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
            long seconds = Math.max(1, Duration.between(now, f.lockedUntil()).toSeconds());
            throw new Locked(seconds, "too many failed sign-ins from " + client + ": try again after "
                    + TIME.format(f.lockedUntil()) + " (in " + seconds + " s)");
        }
    }

    synchronized void failed(String client) {
        Instant now = clock.instant();
        Failures f = clients.remove(client);
        if (f == null || f.lockedUntil() != null || Duration.between(f.since(), now).compareTo(WINDOW) > 0) {
            f = new Failures(0, now, null); // a lock served, or failures long ago: count afresh
        }
        int count = f.count() + 1;
        clients.put(client, count >= MAX_FAILURES ? new Failures(count, f.since(), now.plus(LOCK))
                : new Failures(count, f.since(), null));
        if (clients.size() > MAX_CLIENTS) {
            clients.remove(clients.keySet().iterator().next());
        }
    }

    synchronized void succeeded(String client) {
        clients.remove(client);
    }

    /** The refusal: 429 with the seconds to wait, for a Retry-After header. */
    static final class Locked extends StudioException {
        private final long retryAfterSeconds;

        Locked(long retryAfterSeconds, String message) {
            super(429, message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
