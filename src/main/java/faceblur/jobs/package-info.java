/** Durable face-detection jobs: submitted, run, retried, taken over and expired through a shared database. */
package faceblur.jobs;
