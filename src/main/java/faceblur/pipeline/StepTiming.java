package faceblur.pipeline;

/**
 * One finished step of a job's run: where it ran, after how many attempts, and how its last attempt's time
 * divided between coordination (database round trips, downloads, uploads, planning, joining) and processing
 * (detection, tracking, encoding).
 *
 * @param task         {@code pipeline-analyse}, {@code pipeline-render} or {@code pipeline-join}
 * @param sourceCached the step found the source on its node, from an earlier step of the job (true), or
 *                     downloaded it (false); null if it did not say
 */
public record StepTiming(int run, String task, int segment, int attempts, String node, long coordinationMillis,
                         long processingMillis, Boolean sourceCached) {
}
