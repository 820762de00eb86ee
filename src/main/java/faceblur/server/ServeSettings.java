package faceblur.server;

import faceblur.FaceblurException;
import faceblur.jobs.JobSettings;
import faceblur.pipeline.SegmentSettings;
import faceblur.pipeline.WatchConfig;
import faceblur.text.HideTargets;
import faceblur.text.TextSource;
import faceblur.review.Provenance;
import faceblur.storage.S3Settings;
import faceblur.studio.StudioWeb;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * How {@code faceblur serve} runs.
 *
 * @param host        the address both endpoints listen on
 * @param port        the Rekognition API's port (0: any free one)
 * @param s3Port      the local S3 endpoint's port (0: any free one); unused with a remote store
 * @param dataDir     where local buckets, the SQLite database and the work folders live
 * @param jdbcUrl     the job database, or null for SQLite in {@code dataDir}
 * @param remoteStore an S3-compatible store to read videos from, or null to serve local buckets
 * @param accessKeys  secret keys by access key id, for SigV4 on both endpoints; empty accepts any signature
 * @param watch       the pipeline's watch rules
 * @param segments    how the pipeline cuts long videos
 * @param sourceCacheBytes how much of the pipeline's sources a node keeps in {@code dataDir}/source-cache for
 *                    the next steps of the same jobs
 * @param worker      a worker node: no local S3 endpoint and no API; {@code port} (if not negative) serves only
 *                    /health and /metrics
 * @param webhookToken a bearer token that also opens {@code POST /s3-events}, or null for SigV4 only
 * @param provenance  how the engine finds faces, recorded in the studio's projects
 * @param studioToken the secret of the studio's printed address when there are no access keys to sign in with
 * @param accountId   the AWS account id STS's GetCallerIdentity answers (12 digits)
 * @param snsConfirmHosts hosts whose SNS SubscriptionConfirmation /s3-events confirms (lower case)
 * @param snsVerify   whether SNS messages on /s3-events must carry a valid SNS signature
 * @param metricsPublic whether /metrics is readable unsigned when access keys are set
 * @param region      the AWS region requests to the API must be signed for
 * @param studioWeb   whether the studio believes a reverse proxy, and when its idle sessions end
 * @param text        the text detector for pipeline jobs whose rule hides text, and for the studio
 * @param studioHide  what the studio finds in a video for review: faces, text or both
 */
public record ServeSettings(String host, int port, int s3Port, Path dataDir, String jdbcUrl, S3Settings remoteStore,
                            Map<String, String> accessKeys, ServiceLimits limits, JobSettings jobs, WatchConfig watch,
                            SegmentSettings segments, long sourceCacheBytes, boolean worker,
                            String webhookToken, Provenance provenance, String studioToken, String accountId,
                            Set<String> snsConfirmHosts, boolean snsVerify, boolean metricsPublic, String region,
                            StudioWeb studioWeb, TextSource text, HideTargets studioHide) {

    public static final String DEFAULT_ACCOUNT_ID = "000000000000";

    public ServeSettings {
        accessKeys = Map.copyOf(accessKeys);
        snsConfirmHosts = Set.copyOf(snsConfirmHosts);
        studioHide = studioHide == null ? HideTargets.FACES : studioHide;
        if (!region.matches("[a-z]{2}(-[a-z]+)+-[0-9]+")) {
            throw new FaceblurException("--region must be an AWS region name like us-east-1; got " + region);
        }
        if (!accountId.matches("[0-9]{12}")) {
            throw new FaceblurException("--account-id must be 12 digits, like an AWS account id; got " + accountId);
        }
    }

    public ServeSettings withStudioWeb(StudioWeb web) {
        return new ServeSettings(host, port, s3Port, dataDir, jdbcUrl, remoteStore, accessKeys, limits, jobs, watch,
                segments, sourceCacheBytes, worker, webhookToken, provenance, studioToken, accountId, snsConfirmHosts,
                snsVerify, metricsPublic, region, web, text, studioHide);
    }

    String databaseUrl() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("faceblur.db");
    }
}
