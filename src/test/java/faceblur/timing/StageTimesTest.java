package faceblur.timing;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's stage timers, as bench/speed-breakdown reads them, and their silence in normal runs. */
class StageTimesTest {

    @TempDir
    Path dir;

    private static final Pattern STAGE = Pattern.compile(
            "\\{\"stage\": \"(\\w+)\", \"label\": \"[^\"]+\", \"seconds\": ([0-9.]+), \"calls\": (\\d+), "
                    + "\"first_call_seconds\": ([0-9.]+)}");

    private Cli.Outcome blur(Path input, Path out, List<String> jvmOptions) {
        return Cli.runProcess(Cli.process(jvmOptions, "blur", input.toString(), "-o", out.toString(), "-q"));
    }

    @Test
    void aBlurRunReportsEveryStageOnceAFrame() throws Exception {
        Path input = Media.smallClip();
        int frames = Tools.frameTimes(input).size();
        Path times = dir.resolve("stages.json");

        Cli.Outcome outcome = blur(input, dir.resolve("out.mp4"), List.of("-Xmx1g", "-D" + StageTimes.PROPERTY + "=" + times));

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stderr()).isEmpty();
        Matcher m = STAGE.matcher(Files.readString(times));
        int seen = 0;
        while (m.find()) {
            Stage stage = Stage.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            double seconds = Double.parseDouble(m.group(2));
            int calls = Integer.parseInt(m.group(3));
            seen++;
            switch (stage) {
                // One more read than there are frames: the one that finds the end.
                case DECODE, DECODE_AGAIN -> assertThat(calls).as(stage.name()).isEqualTo(frames + 1);
                case CONVERT, SHOT_CUES, HIDE, CONVERT_BACK -> assertThat(calls).as(stage.name()).isEqualTo(frames);
                case DETECT -> assertThat(calls).as(stage.name()).isBetween(1, frames);
                case ENCODE -> assertThat(calls).as(stage.name()).isGreaterThanOrEqualTo(2 * frames);
                case SESSIONS, TRACK, ANALYSIS_PASS, RENDER_PASS -> assertThat(calls).as(stage.name()).isEqualTo(1);
                case STARTUP, MUX -> assertThat(seconds).as(stage.name()).isPositive();
            }
            assertThat(Double.parseDouble(m.group(4))).as(stage.name()).isLessThanOrEqualTo(seconds);
        }
        assertThat(seen).isEqualTo(Stage.values().length);
    }

    @Test
    void normalRunsWriteNoTimes() {
        assertThat(StageTimes.start()).as("timers off in this JVM").isZero();
        StageTimes.stop(Stage.DECODE, 0);
        assertThat(StageTimes.seconds(Stage.DECODE)).isZero();
    }
}
