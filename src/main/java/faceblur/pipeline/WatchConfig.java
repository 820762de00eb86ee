package faceblur.pipeline;

import java.time.Duration;
import java.util.List;

/**
 * What a node watches, as its command line gives it.
 *
 * @param rules        the folders this node lists (give every node the same ones, or only some nodes any)
 * @param listInterval how often each watched folder is listed
 * @param naming       output names for jobs submitted through the API (rules carry their own)
 */
public record WatchConfig(List<WatchRule> rules, Duration listInterval, OutputNaming naming) {

    public static final Duration DEFAULT_LIST_INTERVAL = Duration.ofSeconds(30);

    public WatchConfig {
        rules = List.copyOf(rules);
        if (listInterval.isNegative() || listInterval.isZero()) {
            throw new IllegalArgumentException("the listing interval must be positive");
        }
    }

    public static WatchConfig none() {
        return new WatchConfig(List.of(), DEFAULT_LIST_INTERVAL, OutputNaming.defaults());
    }
}
