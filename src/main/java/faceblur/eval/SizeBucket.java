package faceblur.eval;

/**
 * Face-height classes: detectors fail mostly on small faces, so one overall number hides what matters. Each
 * bucket holds heights from {@code min} (inclusive) up to {@code max} (exclusive).
 */
public enum SizeBucket {
    UNDER_16("<16", 0, 16),
    FROM_16("16-24", 16, 24),
    FROM_24("24-32", 24, 32),
    FROM_32("32-64", 32, 64),
    FROM_64("64-128", 64, 128),
    FROM_128(">=128", 128, Double.POSITIVE_INFINITY);

    private final String label;
    private final double min;
    private final double max;

    SizeBucket(String label, double min, double max) {
        this.label = label;
        this.min = min;
        this.max = max;
    }

    public String label() {
        return label;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public static SizeBucket of(double height) {
        for (SizeBucket b : values()) {
            if (height < b.max) {
                return b;
            }
        }
        return FROM_128;
    }
}
