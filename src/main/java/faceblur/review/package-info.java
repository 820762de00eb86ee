/**
 * A person's review of what the engine found in one video: the findings (tracks, shots, frame times), the
 * decisions made on them (who stays visible, tracks merged, split, deleted, boxes drawn and corrected), the
 * plan of what gets hidden that both follow from, and the rendering of that plan with its audit report. The
 * studio edits a review; {@code faceblur redact --project} renders one; both through this package.
 */
package faceblur.review;
