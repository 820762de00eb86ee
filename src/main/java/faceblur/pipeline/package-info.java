/** Blur on upload: watch rules, durable per-object workflows run as db-scheduler steps on any node, and publishing. */
package faceblur.pipeline;
