/** Links detections into tracks over time and answers which faces are on screen at any frame's time. */
package faceblur.track;
