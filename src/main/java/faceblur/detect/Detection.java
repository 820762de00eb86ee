package faceblur.detect;

import java.util.List;

/**
 * One face found in one image.
 *
 * @param box        the face box in pixels
 * @param confidence the detector's score, 0 to 1
 * @param landmarks  five points in image order: the eye on the image's left, the eye on its right, the nose
 *                   tip, the mouth corner on the left, the mouth corner on the right; empty when unknown
 */
public record Detection(Box box, double confidence, List<Point> landmarks) {

    public Detection {
        landmarks = List.copyOf(landmarks);
    }

    /** The same detection moved by {@code dx, dy} (a change of image origin). */
    public Detection shifted(double dx, double dy) {
        return new Detection(box.shifted(dx, dy), confidence, landmarks.stream().map(p -> p.shifted(dx, dy)).toList());
    }

    public Detection times(double factor) {
        return new Detection(box.times(factor), confidence, landmarks.stream().map(p -> p.times(factor)).toList());
    }
}
