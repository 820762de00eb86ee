package faceblur.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import faceblur.jobs.JobDatabase;
import faceblur.redact.RedactionSettings;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.storage.S3Settings;
import faceblur.testing.Cli;
import faceblur.testing.Photos;
import faceblur.testing.ServerProcess;
import faceblur.text.HideTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a watch rule hides ({@code --rule-options hide=...}, {@code "hide"} of {@code POST /pipeline/jobs}): faces,
 * text or both, refused in one line when unknown, and stored with each job, old jobs reading as faces.
 */
class RuleHideTest {

    @TempDir
    Path dir;

    private static final S3Location SOURCE = new S3Location("upl", "in/car.jpg");

    private static WatchRule rule(RedactionSettings redaction, HideTargets hide) {
        return new WatchRule(S3Prefix.parse("s3://upl/in"), S3Prefix.parse("s3://pub/out"), OutputNaming.defaults(),
                redaction, hide);
    }

    @Test
    void anUnknownThingToHideInARuleIsOneLineNamingTheChoices() {
        for (String options : new String[]{"hide=faces,plates", "style=pixelate,hide=", "hide=plates,style=blur"}) {
            Cli.Outcome outcome = Cli.run("serve", "--port", "0", "--s3-port", "0", "--watch", "s3://upl/in",
                    "--to", "s3://pub/out", "--rule-options", options);
            assertThat(outcome.exitCode()).as(options).isEqualTo(2);
            assertThat(outcome.stderr().strip()).as(options).startsWith("faceblur: --rule-options " + options)
                    .contains("hide").contains(HideTargets.ALLOWED).doesNotContain("\tat ").hasLineCount(1);
        }
    }

    @Test
    void eachJobKeepsWhatItsRuleHidesAndOldJobsHideFaces() throws Exception {
        try (JobDatabase db = JobDatabase.open("jdbc:sqlite:" + dir.resolve("faceblur.db"))) {
            ObjectVersion car = new ObjectVersion(SOURCE, "etag1", 10);
            WatchRule faces = rule(null, HideTargets.FACES);
            WatchRule both = rule(null, new HideTargets(true, true));
            WatchRule text = rule(RedactionSettings.defaults(), new HideTargets(false, true));
            // Three rules, three jobs for one upload: what is hidden makes another rule.
            assertThat(faces.id()).isNotEqualTo(both.id());
            boolean inserted = db.transactions().inTransaction(c -> PipelineRows.insertIfAbsent(c, "a", car, faces,
                    Instant.now()) && PipelineRows.insertIfAbsent(c, "b", car, both, Instant.now())
                    && PipelineRows.insertIfAbsent(c, "c", car, text, Instant.now()));
            assertThat(inserted).isTrue();
            // A row as a node before this column wrote it.
            db.transactions().inTransaction(c -> {
                try (PreparedStatement old = c.prepareStatement("insert into pipeline_jobs (job_id, dedup_key, rule_id, "
                        + "source_bucket, source_key, source_etag, source_size, video_bucket, video_key, faces_key, "
                        + "state, created_at, updated_at) values ('old', 'k', 'r', 'upl', 'in/x.jpg', 'e', 1, 'pub', "
                        + "'out/x.jpg', 'out/x.jpg.faces.json', 'QUEUED', 0, 0)")) {
                    return old.executeUpdate();
                }
            });
            Map<String, String> stored = new java.util.TreeMap<>();
            for (String id : new String[]{"a", "b", "c", "old"}) {
                stored.put(id, db.transactions().withConnection(c -> PipelineRows.find(c, id)).orElseThrow().hide()
                        .toString());
            }
            assertThat(stored).containsExactlyEntriesOf(new java.util.TreeMap<>(
                    Map.of("a", "faces", "b", "faces,text", "c", "text", "old", "faces")));
        }
    }

    @Test
    void anApiJobTakesHideAndRefusesAnUnknownOneWith400() throws Exception {
        try (ServerProcess serve = ServerProcess.start(Map.of(), "--data", dir.resolve("data").toString(), "--port",
                "0", "--s3-port", "0", "--threads", "1");
             ObjectStore store = ObjectStore.connect(S3Settings.of(serve.s3(), "any", "any"))) {
            store.createBucketIfMissing("upl");
            store.upload(Photos.band(), SOURCE);
            JsonNode refused = serve.rest("POST", "/pipeline/jobs",
                    "{\"source\":\"s3://upl/in/car.jpg\",\"target\":\"s3://pub/out\",\"hide\":\"faces,plates\"}");
            assertThat(refused.get("error").asText()).as(refused.toString()).isEqualTo("BadRequest");
            assertThat(refused.get("message").asText()).contains("hide").contains("plates")
                    .contains(HideTargets.ALLOWED).doesNotContain("\n");
            JsonNode plain = serve.rest("POST", "/pipeline/jobs",
                    "{\"source\":\"s3://upl/in/car.jpg\",\"target\":\"s3://pub/out\"}");
            assertThat(plain.get("hide").asText()).as(plain.toString()).isEqualTo("faces");
            JsonNode both = serve.rest("POST", "/pipeline/jobs",
                    "{\"source\":\"s3://upl/in/car.jpg\",\"target\":\"s3://pub/out\",\"hide\":\"text, faces\"}");
            assertThat(both.get("created").asBoolean()).as(both.toString()).isTrue();
            JsonNode read = serve.rest("GET", "/pipeline/jobs/" + both.get("id").asText(), null);
            assertThat(read.get("hide").asText()).isEqualTo("faces,text");
        }
    }
}
