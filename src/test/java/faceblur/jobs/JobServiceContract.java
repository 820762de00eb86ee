package faceblur.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.sun.net.httpserver.HttpServer;
import faceblur.rekognition.FaceDetectionResult.BoundingBox;
import faceblur.rekognition.FaceDetectionResult.FaceDetail;
import faceblur.rekognition.FaceDetectionResult.FaceDetection;
import faceblur.rekognition.FaceDetectionResult.Landmark;
import faceblur.rekognition.FaceDetectionResult.VideoMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What jobs must do on every supported database; each subclass gives one database. */
abstract class JobServiceContract {

    /** Short, so that retries and take-over happen within seconds. */
    static final Duration HEARTBEAT = Duration.ofMillis(250);
    static final JobSettings FAST = JobSettings.defaults().withHeartbeat(HEARTBEAT);
    static final VideoMetadata METADATA = new VideoMetadata("h264", 12_345L, "QuickTime / MOV", 29.97002997, 720,
            1280, "LIMITED");

    private final List<AutoCloseable> open = new ArrayList<>();
    String url;
    JobDatabase db;

    /** A JDBC URL of an empty database for one test. */
    abstract String freshDatabaseUrl();

    @BeforeEach
    void openDatabase() {
        url = freshDatabaseUrl();
        db = track(JobDatabase.open(url));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    JobService start(JobSettings settings, JobRunner runner) {
        return track(JobService.start(db, settings, runner));
    }

    @Test
    void sameTokenAndSpecGiveTheSameJobAndRunItOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        FaceDetectionJobs jobs = start(FAST, job -> {
            runs.incrementAndGet();
            return new JobOutcome(METADATA, List.of());
        }).jobs();
        JobSpec spec = new JobSpec("bucket", "a.mp4", "v1", "ALL", "tag", null, null);

        Job first = jobs.submit(spec, "token-1");
        assertThat(first.jobId()).matches("[a-zA-Z0-9_-]{1,64}");
        assertThat(jobs.submit(spec, "token-1").jobId()).isEqualTo(first.jobId());
        await(() -> jobs.find(first.jobId()).orElseThrow().state() == JobState.SUCCEEDED);
        Job again = jobs.submit(spec, "token-1");

        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(again.state()).isEqualTo(JobState.SUCCEEDED);
        assertThatThrownBy(() -> jobs.submit(new JobSpec("bucket", "a.mp4", "v1", "DEFAULT", "tag", null, null), "token-1"))
                .isInstanceOf(IdempotencyMismatchException.class);
        Thread.sleep(HEARTBEAT.toMillis() * 4); // time under test: nothing more happens in 4 heartbeats
        assertThat(runs).hasValue(1);
        assertThat(count("select count(*) from face_detection_jobs")).isEqualTo(1);
        assertThat(jobs.submit(spec, null).jobId()).isNotEqualTo(first.jobId());
    }

    @Test
    void submitCommitsTheJobWithItsExecution() {
        CountDownLatch release = new CountDownLatch(1);
        FaceDetectionJobs jobs = start(FAST, job -> {
            release.await();
            return new JobOutcome(METADATA, List.of());
        }).jobs();
        Job running = jobs.submit(JobSpec.of("bucket", "running.mp4"), null);
        Job waiting = jobs.submit(JobSpec.of("bucket", "waiting.mp4"), null);

        assertThat(count("select count(*) from scheduled_tasks where task_name = 'face-detection' and task_instance in ('"
                + running.jobId() + "', '" + waiting.jobId() + "')")).isEqualTo(2);
        await(() -> jobs.queued() == 1);
        assertThat(jobs.countByState()).containsEntry(JobState.IN_PROGRESS, 2).containsEntry(JobState.SUCCEEDED, 0);
        assertThat(waiting.state()).isEqualTo(JobState.IN_PROGRESS);
        release.countDown();
    }

    @Test
    void anExecutionScheduledInARolledBackTransactionIsGoneWithIt() {
        OneTimeTask<Void> task = Tasks.oneTime("probe").execute((instance, context) -> { });
        SchedulerClient client = SchedulerClient.Builder.create(db.dataSource(), task).build();

        assertThatThrownBy(() -> db.transactions().inTransaction(c -> {
            client.schedule(task.instance("rolled-back"), Instant.now());
            throw new IllegalStateException("abort");
        })).hasMessage("abort");
        db.transactions().inTransaction(c -> {
            client.schedule(task.instance("committed"), Instant.now());
            return null;
        });

        assertThat(count("select count(*) from scheduled_tasks where task_name = 'probe' and task_instance = 'rolled-back'")).isZero();
        assertThat(count("select count(*) from scheduled_tasks where task_name = 'probe' and task_instance = 'committed'")).isEqualTo(1);
    }

    @Test
    void refusesJobsBeyondTheQueueLimit() {
        CountDownLatch release = new CountDownLatch(1);
        FaceDetectionJobs jobs = start(FAST.withQueueLimit(2), job -> {
            release.await();
            return new JobOutcome(METADATA, List.of());
        }).jobs();
        jobs.submit(JobSpec.of("bucket", "1.mp4"), null);
        jobs.submit(JobSpec.of("bucket", "2.mp4"), null);

        assertThatThrownBy(() -> jobs.submit(JobSpec.of("bucket", "3.mp4"), null)).isInstanceOf(QueueFullException.class);
        assertThat(count("select count(*) from face_detection_jobs")).isEqualTo(2);

        release.countDown();
        await(() -> jobs.countByState().get(JobState.SUCCEEDED) == 2);
        assertThat(jobs.submit(JobSpec.of("bucket", "3.mp4"), null).state()).isEqualTo(JobState.IN_PROGRESS);
    }

    @Test
    void storesTheResultAndPagesItBackInTimeOrder() {
        List<FaceDetection> faces = faces(2_500, new Random(1));
        List<Job> finished = new CopyOnWriteArrayList<>();
        JobService service = track(JobService.start(db, FAST, job -> new JobOutcome(METADATA, faces),
                new JobService.Listener() {
                    @Override
                    public void jobFinished(Job job, Duration runTime) {
                        finished.add(job);
                    }
                }));
        FaceDetectionJobs jobs = service.jobs();
        String jobId = jobs.submit(JobSpec.of("bucket", "faces.mp4"), "t").jobId();

        await(() -> jobs.find(jobId).orElseThrow().finished());
        Job job = jobs.find(jobId).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.statusMessage()).isNull();
        assertThat(job.videoMetadata()).isEqualTo(METADATA);
        assertThat(job.faceCount()).isEqualTo(faces.size());
        assertThat(job.finishedAt()).isAfterOrEqualTo(job.createdAt());
        assertThat(count("select count(*) from face_detection_faces where job_id = '" + jobId + "'")).isEqualTo(2_500);

        List<FaceDetection> paged = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            List<FaceDetection> page = jobs.faces(jobId, offset, 1000);
            paged.addAll(page);
            if (page.size() < 1000) {
                break;
            }
        }
        List<FaceDetection> expected = new ArrayList<>(faces);
        expected.sort(Comparator.comparingLong(FaceDetection::timestamp)); // stable: ties keep the runner's order
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(finished).extracting(Job::jobId).containsExactly(jobId);
        assertThat(jobs.find("no-such-job")).isEmpty();
        assertThat(jobs.faces("no-such-job", 0, 10)).isEmpty();
    }

    @Test
    void aPermanentFailureEndsTheJobAtOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        FaceDetectionJobs jobs = start(FAST, job -> {
            runs.incrementAndGet();
            throw new JobFailedException("The video codec is not supported");
        }).jobs();
        String jobId = jobs.submit(JobSpec.of("bucket", "bad.mp4"), null).jobId();

        await(() -> jobs.find(jobId).orElseThrow().finished());
        Job job = jobs.find(jobId).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.statusMessage()).isEqualTo("The video codec is not supported");
        Thread.sleep(HEARTBEAT.toMillis() * 4); // time under test: nothing more happens in 4 heartbeats
        assertThat(runs).hasValue(1);
        assertThat(count("select attempts from face_detection_jobs where job_id = '" + jobId + "'")).isEqualTo(1);
        assertThat(count("select count(*) from scheduled_tasks where task_instance = '" + jobId + "'")).isZero();
    }

    @Test
    void aPassingFailureIsRetried() {
        AtomicInteger runs = new AtomicInteger();
        FaceDetectionJobs jobs = start(FAST, job -> {
            if (runs.incrementAndGet() == 1) {
                throw new IOException("S3 read timed out");
            }
            return new JobOutcome(METADATA, faces(3, new Random(2)));
        }).jobs();
        String jobId = jobs.submit(JobSpec.of("bucket", "flaky.mp4"), null).jobId();

        await(() -> jobs.find(jobId).orElseThrow().finished());
        assertThat(jobs.find(jobId).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(runs).hasValue(2);
        assertThat(count("select attempts from face_detection_jobs where job_id = '" + jobId + "'")).isEqualTo(2);
        assertThat(jobs.faces(jobId, 0, 10)).hasSize(3);
    }

    @Test
    void passingFailuresEndTheJobAfterMaxAttempts() {
        AtomicInteger runs = new AtomicInteger();
        FaceDetectionJobs jobs = start(FAST.withMaxAttempts(2), job -> {
            runs.incrementAndGet();
            throw new IOException("S3 read timed out");
        }).jobs();
        String jobId = jobs.submit(JobSpec.of("bucket", "flaky.mp4"), null).jobId();

        await(() -> jobs.find(jobId).orElseThrow().finished());
        Job job = jobs.find(jobId).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.statusMessage()).isEqualTo("Failed after 2 attempts: IOException: S3 read timed out");
        assertThat(runs).hasValue(2);
    }

    @Test
    void expiresFinishedJobsAndTheirFacesButNotUnfinishedOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FaceDetectionJobs jobs = start(FAST.withRetention(Duration.ofSeconds(2)).withConcurrency(2), job -> {
            if (job.spec().key().equals("long.mp4")) {
                release.await();
            }
            return new JobOutcome(METADATA, faces(10, new Random(3)));
        }).jobs();
        String done = jobs.submit(JobSpec.of("bucket", "short.mp4"), null).jobId();
        String running = jobs.submit(JobSpec.of("bucket", "long.mp4"), null).jobId();
        await(() -> jobs.find(done).orElseThrow().finished());
        assertThat(count("select count(*) from face_detection_faces where job_id = '" + done + "'")).isEqualTo(10);
        // Old by creation, but not finished: must stay.
        execute("update face_detection_jobs set created_at = 0 where job_id = '" + running + "'");

        await(() -> jobs.find(done).isEmpty());
        assertThat(count("select count(*) from face_detection_faces where job_id = '" + done + "'")).isZero();
        assertThat(jobs.find(running)).get().extracting(Job::state).isEqualTo(JobState.IN_PROGRESS);
        release.countDown();
    }

    @Test
    void notifiesTheTopicsEndpointUntilItAnswers2xx() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sns", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(bodies.size() == 1 ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
        track(() -> server.stop(0));
        String topic = "arn:aws:sns:us-east-1:123456789012:faces";
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sns");
        FaceDetectionJobs jobs = start(FAST.withNotificationEndpoints(Map.of(topic, endpoint)),
                job -> new JobOutcome(METADATA, List.of())).jobs();
        Job job = jobs.submit(new JobSpec("bucket", "videos/n.mp4", null, null, "my-tag", topic, "arn:aws:iam::1:role/r"), null);

        await(() -> bodies.size() >= 2);
        await(() -> count("select count(*) from scheduled_tasks where task_name = 'notify'") == 0);
        Thread.sleep(HEARTBEAT.toMillis() * 4); // time under test: nothing more happens in 4 heartbeats
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
        assertThat(contentTypes).containsOnly("application/json");
        JsonNode message = new ObjectMapper().readTree(bodies.get(1));
        Job finished = jobs.find(job.jobId()).orElseThrow();
        assertThat(message.get("JobId").asText()).isEqualTo(job.jobId());
        assertThat(message.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(message.get("API").asText()).isEqualTo("StartFaceDetection");
        assertThat(message.get("JobTag").asText()).isEqualTo("my-tag");
        assertThat(message.get("Timestamp").isIntegralNumber()).isTrue();
        assertThat(message.get("Timestamp").asLong()).isEqualTo(finished.finishedAt().toEpochMilli());
        assertThat(message.get("Video").get("S3ObjectName").asText()).isEqualTo("videos/n.mp4");
        assertThat(message.get("Video").get("S3Bucket").asText()).isEqualTo("bucket");
    }

    /** With --notify-format sns, the endpoint receives what an HTTP subscriber of the topic gets from SNS. */
    @Test
    void notifiesInSnsEnvelopeWhenAsked() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<com.sun.net.httpserver.Headers> headers = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sns", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            headers.add(exchange.getRequestHeaders());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        track(() -> server.stop(0));
        String topic = "arn:aws:sns:us-east-1:123456789012:faces";
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sns");
        FaceDetectionJobs jobs = start(FAST.withNotificationEndpoints(Map.of(topic, endpoint)).withSnsEnvelope(true),
                job -> new JobOutcome(METADATA, List.of())).jobs();
        Job job = jobs.submit(new JobSpec("bucket", "videos/s.mp4", null, null, "tag", topic, "arn:aws:iam::1:role/r"), null);

        await(() -> !bodies.isEmpty());
        JsonNode envelope = new ObjectMapper().readTree(bodies.get(0));
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("TopicArn").asText()).isEqualTo(topic);
        assertThat(envelope.get("MessageId").asText()).matches("[0-9a-f-]{36}");
        assertThat(java.time.Instant.parse(envelope.get("Timestamp").asText()))
                .isEqualTo(jobs.find(job.jobId()).orElseThrow().finishedAt());
        assertThat(headers.get(0).getFirst("x-amz-sns-message-type")).isEqualTo("Notification");
        assertThat(headers.get(0).getFirst("x-amz-sns-topic-arn")).isEqualTo(topic);
        assertThat(headers.get(0).getFirst("x-amz-sns-message-id")).isEqualTo(envelope.get("MessageId").asText());
        // The completion message itself, as a string inside the envelope.
        JsonNode message = new ObjectMapper().readTree(envelope.get("Message").asText());
        assertThat(message.get("JobId").asText()).isEqualTo(job.jobId());
        assertThat(message.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(message.at("/Video/S3ObjectName").asText()).isEqualTo("videos/s.mp4");
    }

    @Test
    void runsUnfinishedJobsThatHaveNoExecution() {
        execute("insert into face_detection_jobs (job_id, bucket, object_key, face_attributes, state, created_at) "
                + "values ('orphan', 'bucket', 'o.mp4', 'DEFAULT', 'IN_PROGRESS', 0)");
        FaceDetectionJobs jobs = start(FAST, job -> new JobOutcome(METADATA, List.of())).jobs();

        await(() -> jobs.find("orphan").orElseThrow().state() == JobState.SUCCEEDED);
    }

    @Test
    void anotherNodeFinishesTheJobOfAKilledNode() throws Exception {
        Process node = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                BlockingNode.class.getName(), url, String.valueOf(HEARTBEAT.toMillis()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        track(node::destroyForcibly);
        String jobId;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the child node's first line").startsWith("RUNNING ");
            jobId = line.substring("RUNNING ".length());
            node.destroyForcibly();
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Instant killed = Instant.now();
        assertThat(count("select count(*) from scheduled_tasks where task_instance = '" + jobId + "' and picked = "
                + trueLiteral())).isEqualTo(1);

        AtomicLong tookOverAt = new AtomicLong();
        FaceDetectionJobs jobs = start(FAST, job -> {
            tookOverAt.set(System.currentTimeMillis());
            return new JobOutcome(METADATA, faces(5, new Random(4)));
        }).jobs();
        await(() -> jobs.find(jobId).orElseThrow().finished());

        assertThat(jobs.find(jobId).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(count("select attempts from face_detection_jobs where job_id = '" + jobId + "'")).isEqualTo(2);
        assertThat(jobs.faces(jobId, 0, 100)).hasSize(5);
        System.out.printf("[%s] take-over of a killed node's job after %d ms (heartbeat %d ms)%n",
                getClass().getSimpleName(), tookOverAt.get() - killed.toEpochMilli(), HEARTBEAT.toMillis());
    }

    @Test
    void requestThreadsAndWorkersShareTheDatabaseWithoutBusyErrors() throws Exception {
        FaceDetectionJobs jobs = start(FAST.withConcurrency(2).withQueueLimit(1000),
                job -> new JobOutcome(METADATA, faces(200, new Random(6)))).jobs();
        List<String> ids = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int client = t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        Job job = jobs.submit(JobSpec.of("bucket", client + "-" + i + ".mp4"), "c" + client + "-" + i);
                        ids.add(job.jobId());
                        jobs.find(job.jobId()).orElseThrow();
                        jobs.faces(ids.get(0), 0, 1000);
                        jobs.countByState();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            thread.start();
            clients.add(thread);
        }
        for (Thread client : clients) {
            client.join();
        }
        assertThat(errors).isEmpty();
        await(() -> jobs.countByState().get(JobState.SUCCEEDED) == 80);
        assertThat(count("select count(*) from face_detection_faces")).isEqualTo(80 * 200);
    }

    @Test
    void storesAHundredThousandFacesQuickly() {
        List<FaceDetection> faces = faces(100_000, new Random(5));
        AtomicLong returnedAt = new AtomicLong();
        AtomicLong committedAt = new AtomicLong();
        JobService service = track(JobService.start(db, FAST, job -> {
            returnedAt.set(System.nanoTime());
            return new JobOutcome(METADATA, faces);
        }, new JobService.Listener() {
            @Override
            public void jobFinished(Job job, Duration runTime) {
                committedAt.set(System.nanoTime());
            }
        }));
        String jobId = service.jobs().submit(JobSpec.of("bucket", "crowd.mp4"), null).jobId();

        await(() -> committedAt.get() != 0); // the listener hears of the job after its commit
        long storeMillis = (committedAt.get() - returnedAt.get()) / 1_000_000;
        long pageStart = System.nanoTime();
        int read = 0;
        for (int offset = 0; offset < faces.size(); offset += 1000) {
            read += service.jobs().faces(jobId, offset, 1000).size();
        }
        long readMillis = (System.nanoTime() - pageStart) / 1_000_000;
        System.out.printf("[%s] stored 100000 faces in %d ms; read them back in pages of 1000 in %d ms%n",
                getClass().getSimpleName(), storeMillis, readMillis);
        assertThat(read).isEqualTo(100_000);
        assertThat(storeMillis).isLessThan(30_000);
    }

    /** SQL's true as the database spells it in a comparison. */
    abstract String trueLiteral();

    static List<FaceDetection> faces(int n, Random random) {
        List<FaceDetection> faces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // Few distinct timestamps, so that ties test the order within one time.
            long timestamp = random.nextInt(Math.max(1, n / 4)) * 40L;
            FaceDetail detail = new FaceDetail(new BoundingBox(0.1f, 0.2f, random.nextFloat() - 0.05f, random.nextFloat()),
                    99.5f, List.of(new Landmark("eyeLeft", 0.3f, 0.4f), new Landmark("nose", 0.35f, 0.45f)));
            faces.add(new FaceDetection(timestamp, detail, i));
        }
        return faces;
    }

    void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /** Straight SQL, beside the code under test. */
    int count(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    /** The running JVM's java launcher, for child nodes. */
    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
