/** Amazon Rekognition Video's GetFaceDetection shapes as JSON, to and from faceblur's tracks. */
package faceblur.rekognition;
