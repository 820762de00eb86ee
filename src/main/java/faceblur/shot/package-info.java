/**
 * Where the picture cuts from one shot to another, found from a small grey thumbnail of every frame: a face
 * after a cut is not the face that stood in the same place before it.
 */
package faceblur.shot;
