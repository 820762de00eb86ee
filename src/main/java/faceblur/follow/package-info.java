/**
 * Follows a box a person drew on one frame, over a face the detector missed, forward and backward through its
 * shot with a visual object tracker (OpenCV's CSRT); boxes set on further frames (keyframes) are kept exactly and
 * pull the path between them onto themselves.
 */
package faceblur.follow;
