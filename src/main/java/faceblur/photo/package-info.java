/**
 * Photos (JPEG, PNG, WebP): read upright (EXIF orientation applied) with damaged files refused, faces found by
 * the detector at two scales, hidden by {@code faceblur.redact}, and written in the same format with pixels only,
 * no metadata. Used by {@code faceblur blur}/{@code detect} and by the pipeline.
 */
package faceblur.photo;
