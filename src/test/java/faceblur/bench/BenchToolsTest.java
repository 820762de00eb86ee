package faceblur.bench;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.track.Observation;
import faceblur.track.Track;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchToolsTest {

    private static final List<WiderAnnotations.Face> FACES = List.of(
            new WiderAnnotations.Face(100, 100, 20, 24, false),
            new WiderAnnotations.Face(900, 500, 30, 36, false),
            new WiderAnnotations.Face(500, 300, 10, 12, false));

    @Test
    void theCameraStaysInsideThePhotoAndKeepsTheOutputsAspect() {
        CameraPath path = CameraPath.random(7, 1024, 683, 1280, 720, 8, FACES);
        for (int i = 0; i <= 240; i++) {
            CameraPath.View v = path.at(i / 30.0);
            assertThat(v.x()).isGreaterThanOrEqualTo(0);
            assertThat(v.y()).isGreaterThanOrEqualTo(0);
            assertThat(v.x() + v.w()).isLessThanOrEqualTo(1024 + 1e-9);
            assertThat(v.y() + v.h()).isLessThanOrEqualTo(683 + 1e-9);
            assertThat(v.w() / v.h()).isCloseTo(1280 / 720.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(path.at(0).w()).isEqualTo(1024);
    }

    @Test
    void theSameSeedGivesTheSamePath() {
        CameraPath a = CameraPath.random(3, 1024, 768, 1920, 1080, 6, FACES);
        CameraPath b = CameraPath.random(3, 1024, 768, 1920, 1080, 6, FACES);
        CameraPath c = CameraPath.random(4, 1024, 768, 1920, 1080, 6, FACES);
        List<CameraPath.View> va = new ArrayList<>();
        List<CameraPath.View> vb = new ArrayList<>();
        List<CameraPath.View> vc = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            va.add(a.at(i / 30.0));
            vb.add(b.at(i / 30.0));
            vc.add(c.at(i / 30.0));
        }
        assertThat(va).isEqualTo(vb).isNotEqualTo(vc);
    }

    @Test
    void awsRuleKeepsTheFramesNearestEachHalfSecondAndHoldsForwardOnly() {
        double fps = 30000 / 1001.0;
        List<Observation> all = new ArrayList<>();
        for (int f = 0; f < 60; f++) {
            long micros = Math.round(f / fps * 1000) * 1000; // whole milliseconds, as in the JSON
            all.add(new Observation(micros, List.of(new Detection(new Box(f, 0, 10, 10), 0.9, List.of()))));
        }
        List<Observation> kept = AwsSampleRedact.sample(all, fps, 2_000_000, 500_000);
        assertThat(kept).extracting(o -> (int) o.detections().get(0).box().x()).containsExactly(0, 15, 30, 45);
        List<Track> tracks = AwsSampleRedact.tracks(kept, 500_000);
        assertThat(tracks).hasSize(4).allSatisfy(t -> {
            assertThat(t.points()).hasSize(1);
            assertThat(t.extendBeforeMicros()).isZero();
            assertThat(t.extendAfterMicros()).isEqualTo(500_000);
        });
        Track first = tracks.get(0);
        assertThat(first.boxesAt(400_000)).containsExactly(new Box(0, 0, 10, 10));
        assertThat(tracks.get(1).boxesAt(tracks.get(1).firstMicros() - 33_000)).isEmpty();
    }
}
