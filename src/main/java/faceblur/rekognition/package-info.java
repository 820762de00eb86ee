/**
 * Amazon Rekognition Video's face-detection API as data: its request and response shapes, the constraints of its
 * service model, its errors and pagination tokens, and the conversion of faceblur's tracks to its JSON.
 */
package faceblur.rekognition;
