/**
 * {@code faceblur studio}: the review app in the browser. A person opens a video, watches the engine find its
 * faces, sees each person as a row of thumbnails, keeps or hides each one, merges, splits and deletes tracks,
 * draws the faces the detector missed (followed through the shot by {@code faceblur.follow}), and exports with
 * an audit report. HTTP (Javalin), access control, background work and live progress live here; every
 * decision is a {@code faceblur.review} edit and every export a {@code faceblur.review.ReviewExport}.
 * {@code faceblur serve} mounts the same app under {@code /studio}.
 */
package faceblur.studio;
