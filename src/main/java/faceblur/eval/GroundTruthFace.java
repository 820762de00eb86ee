package faceblur.eval;

import faceblur.detect.Box;

/**
 * One face marked by a person.
 *
 * @param box     the face box in the image's pixels
 * @param invalid the annotators could not box it properly (WIDER's "invalid" flag): it neither counts as a miss
 *                nor makes a detection on it a false positive
 */
public record GroundTruthFace(Box box, boolean invalid) {
}
