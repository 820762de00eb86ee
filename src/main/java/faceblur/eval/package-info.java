/**
 * Measuring faceblur against faces marked by people: detection recall, precision, AP and blur coverage on
 * photos by face size, and leaked faces in redacted video judged from the pixels alone.
 */
package faceblur.eval;
