/** faceblur: hides faces in video. The root holds only what every package reports errors with. */
package faceblur;
