/** Decoding, encoding and muxing with FFmpeg: frames in with exact timestamps, H.264 out, audio copied. */
package faceblur.video;
