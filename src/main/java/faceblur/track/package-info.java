/**
 * Links detections into tracks over time, following the camera's pan and zoom as the faces show it, and answers
 * which faces are on screen at any frame's time.
 */
package faceblur.track;
