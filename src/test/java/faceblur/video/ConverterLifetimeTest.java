package faceblur.video;

import faceblur.FaceblurException;
import faceblur.testing.Jvm;
import faceblur.testing.Tools;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

/**
 * A converter whose source changes to a pixel format swscale cannot take (as a damaged stream's frames can)
 * refuses in one line naming the file, and closing it afterwards, twice, frees nothing twice: swscale had
 * already freed the old context, and closing freed it again (SIGSEGV in sws_freeContext). Run in a JVM of its
 * own, so that a native crash fails this test instead of ending the test run.
 */
class ConverterLifetimeTest {

    @Test
    void refusedConversionThenCloseTwiceDoesNotCrash() {
        Tools.Result r = Tools.run(Jvm.process(ConverterLifetimeTest.class.getName()));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out()).contains("refused: clip.avi: cannot convert pixel format").contains("closed twice");
    }

    public static void main(String[] args) {
        AVFrame frame = av_frame_alloc();
        frame.format(AV_PIX_FMT_YUV420P);
        frame.width(64);
        frame.height(48);
        av_frame_get_buffer(frame, 0);
        FrameConverter converter = new FrameConverter(Path.of("clip.avi"), 64, 48, AV_PIX_FMT_YUV420P);
        converter.toBgr(frame, false);
        converter.toThumbnail(frame, false, 8, 6);
        frame.format(AV_PIX_FMT_CUDA); // a hardware format: swscale frees the cached context and makes none
        try {
            converter.toBgr(frame, false);
        } catch (FaceblurException e) {
            System.out.println("refused: " + e.getMessage());
        }
        converter.close();
        converter.close();
        assertThatThrownBy(() -> converter.toBgr(frame, false)).isInstanceOf(IllegalStateException.class);
        av_frame_free(frame);
        System.out.println("closed twice");
    }
}
