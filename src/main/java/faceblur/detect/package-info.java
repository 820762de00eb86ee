/** Face detection: the YuNet model on ONNX Runtime, its pre- and post-processing, and finding the model file. */
package faceblur.detect;
