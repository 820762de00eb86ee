package faceblur.video;

/** An exact fraction, as FFmpeg keeps time bases and frame rates. */
public record Rational(int num, int den) {

    public double toDouble() {
        return den == 0 ? 0 : (double) num / den;
    }

    public boolean isValid() {
        return num > 0 && den > 0;
    }

    @Override
    public String toString() {
        return num + "/" + den;
    }
}
