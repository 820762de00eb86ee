package faceblur.jobs;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A node that dies holding a job: run in a child JVM by the take-over test, it submits one job, says
 * {@code RUNNING <jobId>} once the job runs, and blocks until the test kills it.
 */
public final class BlockingNode {

    public static void main(String[] args) throws Exception {
        JobDatabase db = JobDatabase.open(args[0]);
        JobSettings settings = JobSettings.defaults().withHeartbeat(Duration.ofMillis(Long.parseLong(args[1])));
        JobService service = JobService.start(db, settings, job -> {
            System.out.println("RUNNING " + job.jobId());
            System.out.flush();
            new CountDownLatch(1).await();
            throw new IllegalStateException("unreachable");
        });
        service.jobs().submit(JobSpec.of("bucket", "takeover.mp4"), null);
        Thread.currentThread().join();
    }
}
