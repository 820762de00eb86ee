/** Hiding faces in a frame: blur, pixelate or fill, in an ellipse or box. */
package faceblur.redact;
