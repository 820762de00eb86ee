/** Where a run's time goes, stage by stage: off unless a benchmark asks (bench/speed-breakdown). */
package faceblur.timing;
