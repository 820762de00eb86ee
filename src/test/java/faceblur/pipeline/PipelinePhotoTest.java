package faceblur.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.storage.S3Settings;
import faceblur.testing.Photos;
import faceblur.testing.ServerProcess;
import faceblur.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Photo uploads under a watched folder, through a real {@code faceblur serve} on its own buckets: each blurred
 * photo appears under the target with its own extension and its DetectFaces JSON, upright and without metadata;
 * a damaged one fails its job with the reason.
 */
class PipelinePhotoTest {

    @TempDir
    Path dir;

    @Test
    void photoUploadsAreBlurredIntoTheSameFormat() throws Exception {
        Path jpeg = Photos.sidewaysJpegWithMetadata(dir.resolve("band.jpg"));
        Path upright = dir.resolve("upright.png");
        Tools.ffmpeg("-i", Photos.band().toString(), upright.toString());
        Path png = dir.resolve("band.png");
        Tools.ffmpeg("-i", Photos.band().toString(), png.toString());
        Path cut = dir.resolve("cut.jpg");
        try (InputStream in = Files.newInputStream(jpeg); OutputStream out = Files.newOutputStream(cut)) {
            out.write(in.readNBytes((int) (Files.size(jpeg) / 2)));
        }
        Path data = dir.resolve("data");
        try (ServerProcess serve = ServerProcess.start(Map.of(), "--data", data.toString(), "--port", "0",
                "--s3-port", "0", "--threads", "2", "--watch", "s3://uploads/in", "--to", "s3://uploads/out",
                "--watch-interval", "1s");
             ObjectStore store = ObjectStore.connect(S3Settings.of(serve.s3(), "any", "any"))) {
            store.createBucketIfMissing("uploads");
            store.upload(jpeg, new S3Location("uploads", "in/p/band.jpg"));
            store.upload(png, new S3Location("uploads", "in/p/band.png"));
            store.upload(cut, new S3Location("uploads", "in/cut.jpg"));
            // Done is marked after both PUTs; the listing is then read.
            long deadline = System.nanoTime() + 90_000_000_000L;
            JsonNode failed = null;
            JsonNode done = null;
            while (System.nanoTime() < deadline && (done == null || done.size() < 2 || failed.isEmpty())) {
                Thread.sleep(300);
                failed = serve.rest("GET", "/pipeline/jobs?state=failed", null).get("jobs");
                done = serve.rest("GET", "/pipeline/jobs?state=done", null).get("jobs");
            }
            assertThat(store.list("uploads", "out/")).extracting(o -> o.location().key()).as(serve.log())
                    .containsExactlyInAnyOrder("out/p/band.jpg", "out/p/band.jpg.faces.json",
                            "out/p/band.png", "out/p/band.png.faces.json");
            assertThat(failed).as(serve.log()).hasSize(1);
            assertThat(failed.get(0).toString()).contains("in/cut.jpg").contains("truncated");

            Path blurredJpeg = dir.resolve("out.jpg");
            store.download(new S3Location("uploads", "out/p/band.jpg"), blurredJpeg);
            assertThat(Tools.stream("v:0", "codec_name", blurredJpeg)).isEqualTo("mjpeg");
            Photos.assertNoMetadata(blurredJpeg);
            Photos.assertFacesBlurredRestKept(upright, blurredJpeg, Photos.markedFaces(Photos.BAND));

            Path blurredPng = dir.resolve("out.png");
            store.download(new S3Location("uploads", "out/p/band.png"), blurredPng);
            assertThat(Tools.stream("v:0", "codec_name", blurredPng)).isEqualTo("png");
            Photos.assertFacesBlurredRestKept(upright, blurredPng, Photos.markedFaces(Photos.BAND));

            Path faces = dir.resolve("faces.json");
            store.download(new S3Location("uploads", "out/p/band.jpg.faces.json"), faces);
            assertThat(new ObjectMapper().readTree(faces.toFile()).get("FaceDetails").size())
                    .isGreaterThanOrEqualTo(Photos.markedFaces(Photos.BAND).size());
        }
    }
}
