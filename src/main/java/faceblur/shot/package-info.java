/**
 * What the pictures tell besides faces, from a small grey thumbnail of every frame: where one shot cuts to
 * another (a face after a cut is not the face that stood in the same place before it), and how far the camera
 * panned (which faces alone cannot always tell in a crowd of regular rows).
 */
package faceblur.shot;
