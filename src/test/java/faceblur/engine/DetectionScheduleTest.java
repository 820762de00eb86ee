package faceblur.engine;

import faceblur.FaceblurException;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectionScheduleTest {

    private static double[] scales(DetectionSchedule schedule, double upscale, int frames) {
        return IntStream.range(0, frames).mapToDouble(i -> schedule.scaleFor(i, upscale)).toArray();
    }

    @Test
    void fullSizeOnEveryNthFrameAndHalfSizeBetween() {
        assertThat(scales(new DetectionSchedule(1, 2), 1.0, 5)).containsExactly(1.0, 0.5, 1.0, 0.5, 1.0);
        assertThat(scales(new DetectionSchedule(1, 3), 2.0, 4)).containsExactly(2.0, 1.0, 1.0, 2.0);
        assertThat(scales(DetectionSchedule.everyFrame(), 1.0, 3)).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void framesNotLookedAtGetNoPassAndTheRestAlternate() {
        assertThat(scales(new DetectionSchedule(2, 2), 1.0, 8)).containsExactly(1.0, 0, 0.5, 0, 1.0, 0, 0.5, 0);
    }

    @Test
    void theHalfSizePassIsNeverSmallerThanTheSmallestUpscale() {
        assertThat(new DetectionSchedule(1, 2).scaleFor(1, 0.3)).isEqualTo(0.25);
    }

    @Test
    void onlyTheFullSizeScheduleIsUniform() {
        assertThat(DetectionSchedule.everyFrame().uniform()).isTrue();
        assertThat(new DetectionSchedule(1, 2).uniform()).isFalse();
        assertThat(new DetectionSchedule(2, 1).uniform()).isFalse();
    }

    @Test
    void badCountsAreRefusedByName() {
        assertThatThrownBy(() -> new DetectionSchedule(1, 0)).isInstanceOf(FaceblurException.class)
                .hasMessageContaining("--full-every");
        assertThatThrownBy(() -> new DetectionSchedule(0, 1)).isInstanceOf(FaceblurException.class)
                .hasMessageContaining("--detect-every");
    }
}
