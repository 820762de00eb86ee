/**
 * Text detection, for hiding licence plates, name badges, screens and phone numbers beside faces: PaddleOCR's
 * PP-OCRv4 detector on ONNX Runtime (the same environment and sessions as the face detector), its
 * post-processing into boxes, finding its model file, and turning text boxes into masks the face renderer hides.
 */
package faceblur.text;
