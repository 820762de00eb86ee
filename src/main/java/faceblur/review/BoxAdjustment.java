package faceblur.review;

import faceblur.detect.Box;

import java.util.List;

/**
 * A reviewer's correction of a detected face's box from one time on, relative to the box found there: moved by
 * {@code dx, dy} box sizes and scaled by {@code scaleX, scaleY}. It holds until the next correction and never
 * reaches back: the page says "from this frame on", and a reviewer who fixed frame 100 must find frame 99 as
 * they left it. (Interpolating between corrections, and holding the first one before its time, moved frames the
 * reviewer had not touched.)
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

    /** The correction in force at {@code micros}: the latest at or before it among {@code adjustments} (in time order), or null. */
    public static BoxAdjustment at(List<BoxAdjustment> adjustments, long micros) {
        BoxAdjustment inForce = null;
        for (BoxAdjustment a : adjustments) {
            if (a.micros > micros) {
                break;
            }
            inForce = a;
        }
        return inForce;
    }
}
