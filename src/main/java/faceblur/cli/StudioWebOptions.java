package faceblur.cli;

import faceblur.studio.StudioWeb;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The studio's options about the network, shared by {@code faceblur studio} and {@code faceblur serve}. */
final class StudioWebOptions {

    @Option(names = "--trust-proxy",
            description = "The studio is behind a reverse proxy (nginx, Caddy, a load balancer) that sets "
                    + "X-Forwarded-Proto, -Host and -For: believe them, so that pages reached over HTTPS may make "
                    + "changes and get a Secure cookie. Without it those headers are ignored, as anyone could send them.")
    boolean trustProxy;

    @Option(names = "--session-idle", paramLabel = "DURATION", converter = Sizes.DurationConverter.class,
            description = "A studio sign-in ends after this long without a request, e.g. 30m, 8h. Default: 2h.")
    Duration sessionIdle = StudioWeb.DEFAULT_SESSION_IDLE;

    StudioWeb settings() {
        return new StudioWeb(trustProxy, sessionIdle);
    }
}
