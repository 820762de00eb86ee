/** Measuring faceblur against human-annotated faces: recall, precision, AP and blur coverage by face size. */
package faceblur.eval;
