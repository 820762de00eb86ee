package faceblur.review;

import faceblur.detect.Box;

import java.util.List;

/**
 * A reviewer's correction of a detected face's box at one time, relative to the box found there: moved by
 * {@code dx, dy} box sizes and scaled by {@code scaleX, scaleY}. Between two corrections the change is
 * interpolated, before the first and after the last it holds, so one drag makes a whole track's mask larger.
 */
public record BoxAdjustment(long micros, double dx, double dy, double scaleX, double scaleY) {

    /** The correction that takes {@code found} to {@code wanted}. */
    public static BoxAdjustment between(long micros, Box found, Box wanted) {
        return new BoxAdjustment(micros, (wanted.centerX() - found.centerX()) / found.width(),
                (wanted.centerY() - found.centerY()) / found.height(), wanted.width() / found.width(),
                wanted.height() / found.height());
    }

    public Box apply(Box box) {
        double w = box.width() * scaleX;
        double h = box.height() * scaleY;
        return new Box(box.centerX() + dx * box.width() - w / 2, box.centerY() + dy * box.height() - h / 2, w, h);
    }

    /** The correction in force at {@code micros} among {@code adjustments} (in time order); null when none. */
    public static BoxAdjustment at(List<BoxAdjustment> adjustments, long micros) {
        if (adjustments.isEmpty()) {
            return null;
        }
        BoxAdjustment first = adjustments.get(0);
        if (micros <= first.micros) {
            return first;
        }
        for (int i = 1; i < adjustments.size(); i++) {
            BoxAdjustment b = adjustments.get(i);
            if (micros <= b.micros) {
                BoxAdjustment a = adjustments.get(i - 1);
                double t = (double) (micros - a.micros) / (b.micros - a.micros);
                return new BoxAdjustment(micros, a.dx + (b.dx - a.dx) * t, a.dy + (b.dy - a.dy) * t,
                        a.scaleX + (b.scaleX - a.scaleX) * t, a.scaleY + (b.scaleY - a.scaleY) * t);
            }
        }
        return adjustments.get(adjustments.size() - 1);
    }
}
