/** One long video worked on in pieces (on several machines): planned at keyframes, analysed and rendered per segment, joined without re-encoding into what a whole render gives. */
package faceblur.segment;
