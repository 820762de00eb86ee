package faceblur.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test helpers themselves: a failure is not a result, and fixtures are keyed by how they are made. */
class ToolsTest {

    /** A file without sound: ffmpeg fails, so there is no hash to compare (two failures used to compare equal). */
    @Test
    void decodedAudioHashOfAFileWithoutSoundFails() {
        assertThatThrownBy(() -> Tools.decodedAudioHash(Media.smallClip())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fixturesWithTheSameNameButOtherArgumentsAreDifferentFiles() {
        assertThat(Media.fixture("keyed.png", "-f", "lavfi", "-i", "color=red:size=8x8", "-frames:v", "1"))
                .isNotEqualTo(Media.fixture("keyed.png", "-f", "lavfi", "-i", "color=blue:size=8x8", "-frames:v", "1"));
        assertThat(Media.keyed("a.mp4", "x")).isEqualTo(Media.keyed("a.mp4", "x")).endsWith(".mp4");
    }

    /** JavaCV's own classes are not on the class path: nothing uses them, only JavaCPP's presets. */
    @Test
    void javacvIsNotShipped() {
        assertThatThrownBy(() -> Class.forName("org.bytedeco.javacv.FFmpegFrameGrabber"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
