package faceblur.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.testing.Cli;
import faceblur.testing.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faceblur eval video} as a user runs it: the table, the JSON, and one clear line for bad input. */
class EvalVideoCliTest {

    @TempDir
    Path dir;

    private Path truth(String csv) throws IOException {
        return Files.writeString(dir.resolve("gt.csv"), csv);
    }

    private static Path reencoded(String name, String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "-i";
        all[1] = LeakEvaluationTest.original().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        System.arraycopy(new String[]{"-c:v", "libx264", "-pix_fmt", "yuv420p"}, 0, all, args.length + 2, 4);
        return Media.fixture(name, all);
    }

    private record Run(Cli.Outcome outcome, String stdout) {
    }

    private static Run eval(Path redacted, Path gt, String... extra) {
        String[] args = new String[8 + extra.length];
        System.arraycopy(new String[]{"eval", "video", "--original", LeakEvaluationTest.original().toString(),
                "--blurred", redacted.toString(), "--gt", gt.toString()}, 0, args, 0, 8);
        System.arraycopy(extra, 0, args, 8, extra.length);
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            return new Run(Cli.run(args), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
        }
    }

    @Test
    void printsATableAndWritesEveryNumberAsJson() throws IOException {
        // A re-encode hides nothing: both faces leak on both frames.
        Path json = dir.resolve("report.json");
        Path leaks = dir.resolve("leaks.csv");
        Run run = eval(reencoded("leak-crf23.mp4", "-crf", "23"),
                truth("1,1,128,48,64,64\n2,1,128,48,64,64\n2,2,208,16,20,20\n"), "--json", json.toString(),
                "--leaks-csv", leaks.toString());
        assertThat(run.outcome().exitCode()).as(run.outcome().stderr()).isZero();
        assertThat(run.stdout()).contains("10 frames, 3 ground-truth face-frames")
                .containsPattern("32-64 px +0 +0 +-")
                .containsPattern("all +3 +3 +100.0 %")
                .contains("longest leak: 2 consecutive frames (face id 1)");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/overall/faceFrames").asInt()).isEqualTo(3);
        assertThat(report.at("/overall/leakRate").asDouble()).isEqualTo(1.0);
        assertThat(report.at("/atLeast24px/faceFrames").asInt()).isEqualTo(2);
        assertThat(report.at("/byHeight/1/heights").asText()).isEqualTo("16-24");
        assertThat(report.at("/byHeight/1/tally/leaked").asInt()).isEqualTo(1);
        assertThat(report.at("/longestLeakRun").asInt()).isEqualTo(2);
        assertThat(report.at("/longestLeakRunById/2").asInt()).isEqualTo(1);
        assertThat(report.at("/rule/bulk").asDouble()).isEqualTo(RedactionRule.DEFAULT.bulk());
        assertThat(report.has("changedOutsideFaces")).isTrue();
        assertThat(report.has("leaked")).as("leaked face-frames go to the CSV only").isFalse();
        assertThat(report.has("faces")).as("every face-frame is for calibration, not the JSON").isFalse();
        assertThat(report.at("/featurelessFaceFrames").asInt()).isZero();
        assertThat(report.at("/featurelessAtLeast24px").asInt()).isZero();
        assertThat(report.at("/byHeight/1/featureless").asInt()).isZero();
        assertThat(report.at("/correlationCheck/rule/minCorrelation").asDouble())
                .isEqualTo(DetailCorrelation.DEFAULT.minCorrelation());
        assertThat(report.at("/correlationCheck/overall/leaked").asInt()).isEqualTo(3);
        assertThat(report.at("/correlationCheck/atLeast24px/leakRate").asDouble()).isEqualTo(1.0);
        assertThat(report.at("/correlationCheck/disagree/leakedByPixelRuleOnly").asInt()).isZero();
        assertThat(report.at("/correlationCheck/disagreeAtLeast24px/leakedByCorrelationOnly").asInt()).isZero();
        assertThat(run.stdout()).contains("featureless face-frames: 0 (0 of them >= 24 px)")
                .contains("leak rate all 100.0 %, >=24 px 100.0 %")
                .contains("rules disagree on 0 face-frames");
        List<String> rows = Files.readAllLines(leaks);
        assertThat(rows.get(0)).isEqualTo("frame,id,height,changed_share,correlation");
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.substring(0, r.indexOf(',', 2) + 1)))
                .containsExactly("1,1,", "2,1,", "2,2,");
        assertThat(rows.get(3)).startsWith("2,2,20.0,");
    }

    private void assertRefused(Run run, String... reasons) {
        assertThat(run.outcome().exitCode()).isEqualTo(2);
        assertThat(run.outcome().stderr().lines().toList()).singleElement().satisfies(line -> {
            assertThat(line).startsWith("faceblur: ").doesNotContain("Exception");
            for (String reason : reasons) {
                assertThat(line).contains(reason);
            }
        });
    }

    @Test
    void videosOfDifferentLengthAreRefused() throws IOException {
        Path shorter = reencoded("leak-9-frames.mp4", "-frames:v", "9");
        assertRefused(eval(shorter, truth("1,1,0,0,10,10\n")), "differ in length", "has 10 frames", "has 9");
    }

    @Test
    void videosOfDifferentSizeAreRefused() throws IOException {
        Path smaller = reencoded("leak-half-size.mp4", "-vf", "scale=160:120");
        assertRefused(eval(smaller, truth("1,1,0,0,10,10\n")), "is 160x120", "320x240");
    }

    @Test
    void groundTruthBeyondTheVideoIsRefused() throws IOException {
        Path same = reencoded("leak-crf23.mp4", "-crf", "23");
        assertRefused(eval(same, truth("11,1,0,0,10,10\n")), "names frame 11", "has 10 frames");
        assertRefused(eval(same, truth("1,1,0,0,10\n")), "gt.csv line 1");
    }

    @Test
    void helpShowsAnExample() {
        Run run = eval(dir.resolve("x.mp4"), dir.resolve("gt.csv"), "--help");
        assertThat(run.outcome().exitCode()).isZero();
        assertThat(run.stdout()).contains("frame,id,x,y,w,h").contains("faceblur eval video --original");
    }
}
