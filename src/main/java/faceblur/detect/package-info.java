/**
 * Face detection: the YuNet model on ONNX Runtime, its pre- and post-processing, finding the model file, and
 * loading ONNX Runtime's native library from the user's cache.
 */
package faceblur.detect;
