/** faceblur: hides faces in video. The root holds only the error type every package reports with. */
package faceblur;
