package faceblur.follow;

import faceblur.detect.Box;

/** What turns one box into another, side by side: a drift to correct, or a fraction of one. */
record BoxOffset(double dx, double dy, double dWidth, double dHeight) {

    static BoxOffset between(Box from, Box to) {
        return new BoxOffset(to.x() - from.x(), to.y() - from.y(), to.width() - from.width(), to.height() - from.height());
    }

    BoxOffset times(double factor) {
        return new BoxOffset(dx * factor, dy * factor, dWidth * factor, dHeight * factor);
    }

    Box applyTo(Box box) {
        return new Box(box.x() + dx, box.y() + dy, box.width() + dWidth, box.height() + dHeight);
    }
}
