package faceblur.video;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk is the output's trouble, not the input's: FFmpeg's error codes of writing are said as such, with
 * the output's own name (not its temporary one). Other codes keep the input-naming message (null here).
 */
class WriteFailureTest {

    @Test
    void diskFullNamesTheOutputNotTheInput() {
        Path temporary = Path.of("/out/.clip_blurred.mp4.4242-ab12.partial");
        assertThat(FfmpegLog.writeFailure(-28, temporary)).isEqualTo("no space left on device writing /out/clip_blurred.mp4");
        assertThat(FfmpegLog.writeFailure(-122, temporary)).startsWith("disk quota exceeded writing ");
        assertThat(FfmpegLog.writeFailure(-1094995529, temporary)).as("invalid data: the input's").isNull();
    }
}
