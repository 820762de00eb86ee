package faceblur.pipeline;

/**
 * The db-scheduler instance id of one step: job, run and segment. The run makes a retried job's steps new
 * executions, so a step still running from before the retry cannot be mistaken for one of the new run.
 */
record StepId(String jobId, int run, int segment) {

    static StepId parse(String instanceId) {
        String[] parts = instanceId.split("/");
        return new StepId(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    String instanceId() {
        return jobId + "/" + run + "/" + segment;
    }
}
