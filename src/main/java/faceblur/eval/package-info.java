/** Measures how well faces are hidden, against hand-made ground truth, from the pixels alone. */
package faceblur.eval;
