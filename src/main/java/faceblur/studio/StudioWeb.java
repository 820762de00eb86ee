package faceblur.studio;

import faceblur.FaceblurException;

import java.time.Duration;

/**
 * How the studio sits on the network, for {@code faceblur studio} and {@code faceblur serve} alike.
 *
 * @param trustProxy  whether a reverse proxy in front says, in X-Forwarded-Proto/-Host/-For, how the browser
 *                    reached it; only then are those headers believed (anyone else could send them)
 * @param sessionIdle how long a signed-in browser may stay silent before it must sign in again
 */
public record StudioWeb(boolean trustProxy, Duration sessionIdle) {

    /** Long enough for a break in a day's review, short enough that a forgotten tab does not stay open. */
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofHours(2);

    public StudioWeb {
        if (sessionIdle.isNegative() || sessionIdle.isZero()) {
            throw new FaceblurException("--session-idle must be longer than 0, e.g. 30m or 2h");
        }
    }

    public static StudioWeb defaults() {
        return new StudioWeb(false, DEFAULT_SESSION_IDLE);
    }
}
