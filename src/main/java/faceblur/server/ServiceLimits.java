package faceblur.server;

import java.time.Duration;

/**
 * What the service accepts, stated and enforced: the real Rekognition stores up to 10 GB and 6 hours of video;
 * faceblur defaults to the same so that code written for AWS meets the same limits here.
 */
public record ServiceLimits(long maxVideoBytes, Duration maxVideoDuration) {

    public ServiceLimits {
        if (maxVideoBytes < 1 || maxVideoDuration.isNegative() || maxVideoDuration.isZero()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static ServiceLimits defaults() {
        return new ServiceLimits(10L << 30, Duration.ofHours(6));
    }
}
