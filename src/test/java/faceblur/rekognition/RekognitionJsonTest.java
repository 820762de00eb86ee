package faceblur.rekognition;

import faceblur.FaceblurException;
import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.Point;
import faceblur.track.Observation;
import faceblur.track.Track;
import faceblur.track.TrackPoint;
import faceblur.video.Rational;
import faceblur.video.VideoInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RekognitionJsonTest {

    private static final VideoInfo INFO = new VideoInfo("mp4", "h264", 640, 480, new Rational(30000, 1001),
            new Rational(1, 30000), 2_000_000, 60, 0, false, new Rational(1, 1), List.of("aac"), 0);

    @TempDir
    Path dir;

    @Test
    void writtenFacesReadBackAsTheSamePixels() {
        List<Point> landmarks = List.of(new Point(10, 10), new Point(30, 10), new Point(20, 20), new Point(12, 30),
                new Point(28, 30));
        Detection d = new Detection(new Box(-8, 40, 64, 48), 0.75, landmarks);
        Track track = new Track(7, List.of(new TrackPoint(1_234_000, d)), 0);
        Path file = dir.resolve("f.json");
        RekognitionJson.write(RekognitionJson.result(INFO, List.of(track)), file);

        List<FaceDetectionResult> pages = RekognitionJson.read(List.of(file));
        FaceDetectionResult.FaceDetection face = pages.get(0).faces().get(0);
        assertThat(face.timestamp()).isEqualTo(1234);
        assertThat(face.trackId()).isEqualTo(7);
        assertThat(face.face().confidence()).isCloseTo(75f, within(1e-5f));
        assertThat(face.face().boundingBox().left()).isCloseTo(-8f / 640, within(1e-8f));
        assertThat(face.face().landmarks().get(1).type()).isEqualTo("eyeRight");
        assertThat(pages.get(0).videoMetadata().frameRate()).isCloseTo(29.97, within(0.001));

        List<Observation> back = RekognitionJson.observations(pages, 640, 480);
        assertThat(back).singleElement().satisfies(o -> {
            assertThat(o.micros()).isEqualTo(1_234_000);
            Box b = o.detections().get(0).box();
            assertThat(b.x()).isCloseTo(-8, within(1e-9));
            assertThat(b.height()).isCloseTo(48, within(1e-9));
        });
    }

    @Test
    void anArrayOfPagesIsMergedAndUnknownFieldsIgnored() throws Exception {
        Path file = Files.writeString(dir.resolve("pages.json"), "[{\"Faces\":[{\"Timestamp\":0,\"Face\":"
                + "{\"BoundingBox\":{\"Width\":0.1,\"Height\":0.1,\"Left\":0.1,\"Top\":0.1},\"Pose\":{\"Roll\":1}}}],"
                + "\"NextToken\":\"x\",\"Extra\":1},{\"Faces\":[{\"Timestamp\":500,\"Face\":{\"BoundingBox\":"
                + "{\"Width\":0.1,\"Height\":0.1,\"Left\":0.2,\"Top\":0.1}}}]}]");
        assertThat(RekognitionJson.observations(RekognitionJson.read(List.of(file)), 100, 100))
                .extracting(Observation::micros).containsExactly(0L, 500_000L);
    }

    @Test
    void somethingElseIsRefusedByName() throws Exception {
        Path file = Files.writeString(dir.resolve("other.json"), "{\"Labels\":[]}");
        assertThatThrownBy(() -> RekognitionJson.read(List.of(file)))
                .isInstanceOf(FaceblurException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("Faces");
    }
}
