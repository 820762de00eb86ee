package faceblur.testing;

/** An 8-bit gray picture with measures of how it changed. */
public record Gray(int width, int height, byte[] pixels) {

    public Gray {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + pixels.length);
        }
    }

    public int at(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    /** Mean absolute difference to {@code other} over a rectangle. */
    public double meanAbsDiff(Gray other, int x0, int y0, int x1, int y1) {
        long sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                sum += Math.abs(at(x, y) - other.at(x, y));
            }
        }
        return (double) sum / ((long) (x1 - x0) * (y1 - y0));
    }

    /** Mean absolute difference between neighbouring pixels over a rectangle: how much detail it holds. */
    public double detail(int x0, int y0, int x1, int y1) {
        long sum = 0;
        long n = 0;
        for (int y = y0; y < y1 - 1; y++) {
            for (int x = x0; x < x1 - 1; x++) {
                sum += Math.abs(at(x, y) - at(x + 1, y)) + Math.abs(at(x, y) - at(x, y + 1));
                n += 2;
            }
        }
        return (double) sum / n;
    }

    /** Peak signal-to-noise ratio (dB) against {@code other} over a rectangle; infinite where they are equal. */
    public double psnr(Gray other, int x0, int y0, int x1, int y1) {
        double sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                double d = at(x, y) - other.at(x, y);
                sum += d * d;
            }
        }
        double mse = sum / ((long) (x1 - x0) * (y1 - y0));
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
