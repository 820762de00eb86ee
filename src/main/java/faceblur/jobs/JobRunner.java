package faceblur.jobs;

/**
 * Does the work of one job. Throwing {@link JobFailedException} fails the job for good; any other exception is
 * taken as passing trouble and the job is tried again later, up to the configured number of attempts. A run may
 * be repeated after a crash, so it must not depend on having run before.
 */
@FunctionalInterface
public interface JobRunner {
    JobOutcome run(Job job) throws Exception;
}
