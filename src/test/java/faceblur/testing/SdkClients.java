package faceblur.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;

import java.net.URI;
import java.time.Duration;

/** The AWS SDK for Java v2's Rekognition client, pointed at a faceblur endpoint as users point it. */
public final class SdkClients {

    private SdkClients() {
    }

    /** A client that signs with the given key and does not retry, so that every error reaches the test. */
    public static RekognitionClient rekognition(URI endpoint, String keyId, String secret) {
        return RekognitionClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    /** Polls until the job is no longer IN_PROGRESS, for at most three minutes; returns the last answer. */
    public static GetFaceDetectionResponse awaitJob(RekognitionClient rekognition, String jobId)
            throws InterruptedException {
        GetFaceDetectionResponse status = rekognition.getFaceDetection(r -> r.jobId(jobId));
        for (long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
             status.jobStatus() == VideoJobStatus.IN_PROGRESS && System.nanoTime() < end; ) {
            Thread.sleep(300);
            status = rekognition.getFaceDetection(r -> r.jobId(jobId));
        }
        return status;
    }
}
