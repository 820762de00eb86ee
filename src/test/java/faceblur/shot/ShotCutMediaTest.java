package faceblur.shot;

import faceblur.testing.Media;
import faceblur.testing.Tools;
import faceblur.video.DecodedFrame;
import faceblur.video.VideoReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Cuts found in real videos, against FFmpeg's own scene-change filter and videos made with known cuts. */
class ShotCutMediaTest {

    /** The frames that ShotCut says start a new shot. */
    private static List<Integer> cuts(Path video) {
        List<Integer> cuts = new ArrayList<>();
        try (VideoReader reader = VideoReader.open(video)) {
            Thumbnail previous = null;
            for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
                Thumbnail t = Thumbnail.of(frame);
                if (previous != null && ShotCut.between(previous, t)) {
                    cuts.add(frame.index());
                }
                previous = t;
            }
        }
        return cuts;
    }

    /** The frames FFmpeg's scdet filter scores as scene changes at its threshold of 10. */
    private static List<Integer> ffmpegSceneChanges(Path video, double fps) {
        Tools.Result r = Tools.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-i", video.toString(), "-an",
                "-vf", "scdet=threshold=10", "-f", "null", "-"), null);
        Matcher m = Pattern.compile("lavfi\\.scd\\.time: ([0-9.]+)").matcher(r.stderr());
        List<Integer> frames = new ArrayList<>();
        while (m.find()) {
            frames.add((int) Math.round(Double.parseDouble(m.group(1)) * fps));
        }
        return frames;
    }

    @Test
    void megamindCutsAreTheOnesFfmpegFinds() {
        Path video = Media.media("megamind.mp4");
        List<Integer> expected = ffmpegSceneChanges(video, 2997.0 / 125);
        assertThat(expected).as("FFmpeg's scene changes").hasSize(4);
        assertThat(cuts(video)).isEqualTo(expected);
    }

    @Test
    void aStreetFromAFixedCameraHasNoCut() {
        Path video = Media.media("vtest.avi");
        assertThat(ffmpegSceneChanges(video, 10)).isEmpty();
        assertThat(cuts(video)).isEmpty();
    }

    @Test
    void aFlashAndAFastPanAreNoCuts() {
        Path flash = Media.fixture("flash.mp4", "-i", Media.media("vtest.avi").toString(), "-t", "6",
                "-vf", "eq=brightness=0.25:contrast=1.3:enable='between(n,50,52)'", "-c:v", "libx264", "-pix_fmt", "yuv420p");
        Path pan = Media.fixture("fast-pan.mp4", "-loop", "1", "-i", Media.media("messi5.jpg").toString(),
                "-vf", "scale=1920:-2,crop=640:360:'min(1280,t*1200)':'min(200,t*100)'", "-t", "1.5", "-r", "30",
                "-c:v", "libx264", "-pix_fmt", "yuv420p");
        assertThat(cuts(flash)).isEmpty();
        assertThat(cuts(pan)).isEmpty();
    }

    /** Two crowds, each panned for a second: alike in texture, and still two shots. */
    @Test
    void aCutFromOneCrowdToAnotherIsFound() {
        Path images = Media.shared().resolve("eval/wider-val-dev/images");
        Path a = images.resolve("0--Parade/0_Parade_marchingband_1_74.jpg");
        Path b = images.resolve("10--People_Marching/10_People_Marching_People_Marching_10_People_Marching_People_Marching_10_447.jpg");
        String pan = "scale=1600:-2,crop=960:540:'t*200':'t*60',setsar=1";
        Path video = Media.fixture("crowd-cut.mp4", "-loop", "1", "-t", "1", "-i", a.toString(), "-loop", "1", "-t", "1",
                "-i", b.toString(), "-filter_complex", "[0:v]" + pan + ",fps=30[a];[1:v]" + pan + ",fps=30[b];[a][b]concat=n=2:v=1[v]",
                "-map", "[v]", "-c:v", "libx264", "-pix_fmt", "yuv420p");
        assertThat(cuts(video)).containsExactly(30);
    }
}
