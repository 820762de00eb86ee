package faceblur.cli;

import faceblur.testing.Cli;
import faceblur.testing.ServerProcess;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person at a terminal sees: lines that fit, mistakes answered briefly, help that teaches. */
class CliMannersTest {

    private static final String LONG_NAME = "interview-with-the-deputy-mayor-about-the-harbour-redevelopment-"
            + "recorded-on-the-third-of-march-camera-b-take-2.mp4";

    @Test
    void progressLinesFitEightyColumnsWhateverTheName() {
        String printed = progress(false, "finding faces", 12_345_678);
        assertThat(printed).contains("finding faces 1000/12345678 frames").contains("…").contains("p4: finding");
        assertThat(printed.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));

        List<String> renders = Arrays.stream(progress(true, "blurring", 12_345_678).split("[\r\n]"))
                .map(s -> s.replaceAll("\u001B\\[[0-9;]*m", "")) // colours take no column
                .filter(s -> !s.isBlank()).toList();
        assertThat(renders).isNotEmpty().allSatisfy(r -> assertThat(r.length()).as(r).isLessThanOrEqualTo(80));
        // The name gives way, not the bar and the count.
        assertThat(renders.get(renders.size() - 1)).contains("blurring 100%").contains("1000/1000 frames");
    }

    /** What a thousand frames of {@code task} print, as plain lines or as a live bar. */
    private static String progress(boolean terminal, String task, long total) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(LONG_NAME, terminal,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        progress.begin(task, total);
        for (int i = 0; i < 1000; i++) {
            progress.frameDone();
        }
        progress.end();
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMistakeGetsTheErrorAndWhereToLookNotTheWholeHelp() {
        for (String[][] c : new String[][][] {
                {{"blur"}, {"Missing required parameter", "Run 'faceblur blur --help'"}},
                {{"blur", "--crf", "abc", "x.mp4"}, {"'abc' is not an int", "Run 'faceblur blur --help'"}},
                {{"serve", "--port"}, {"Missing required parameter for option '--port'", "Run 'faceblur serve --help'"}},
                {{"blurr", "x.mp4"}, {"unknown command 'blurr'; did you mean 'faceblur blur'?"}},
                {{"studo"}, {"unknown command 'studo'; did you mean 'faceblur studio'?"}},
                {{"frobnicate"}, {"unknown command 'frobnicate'; the commands are blur, detect, eval, redact"}}}) {
            Cli.Outcome outcome = Cli.run(c[0]);
            String err = outcome.stderr().strip();
            assertThat(outcome.exitCode()).as(err).isEqualTo(2);
            assertThat(err).as(String.join(" ", c[0])).contains(c[1]).doesNotContain("Usage:").doesNotContain("--overwrite");
            assertThat(err.lines().count()).as(err).isLessThanOrEqualTo(c[0][0].equals("blur") || c[0][0].equals("serve") ? 4 : 1);
        }
    }

    /** An example in the help is copied into a terminal: at 80 columns it must come out whole, on one line. */
    @Test
    void helpExamplesStayWholeAtEightyColumns() {
        var softly = new org.assertj.core.api.SoftAssertions();
        for (List<String> command : List.<List<String>>of(List.of(), List.of("blur"), List.of("detect"), List.of("redact"),
                List.of("studio"), List.of("serve"), List.of("worker"), List.of("eval", "images"), List.of("eval", "video"))) {
            var cli = Main.commandLine();
            for (String sub : command) {
                cli = cli.getSubcommands().get(sub);
            }
            cli.setUsageHelpAutoWidth(false);
            cli.setUsageHelpWidth(80);
            String help = cli.getUsageMessage();
            var usage = cli.getCommandSpec().usageMessage();
            List<String> examples = java.util.stream.Stream.of(usage.description(), usage.footer())
                    .flatMap(Arrays::stream).flatMap(l -> Arrays.stream(l.split("%n|\\n|\n")))
                    .map(String::strip).filter(l -> l.startsWith("faceblur ")).toList();
            for (String example : examples) {
                softly.assertThat(help.lines().map(String::strip).toList()).as(command + ": " + example).contains(example);
            }
            help.lines().forEach(l -> softly.assertThat(l.length()).as(command + ": " + l).isLessThanOrEqualTo(80));
        }
        softly.assertAll();
    }

    /** Help teaches what an option does; the measurements behind the defaults live in the README. */
    @Test
    void helpTeachesAndLeavesTheBenchmarksToTheReadme() {
        for (String command : List.of("blur", "detect", "redact", "serve", "studio")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var cli = Main.commandLine();
            cli.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
            assertThat(cli.execute(command, "--help")).isZero();
            String help = out.toString(StandardCharsets.UTF_8);
            assertThat(help).as(command).contains("Usage:").doesNotContain("bench/").doesNotContainPattern("\\d%");
        }
    }

    /** serve says it is starting before its start-up, so a person knows it has not hung. */
    @Test
    void serveSaysItIsStartingFirst() throws Exception {
        Path data = Files.createTempDirectory("manners");
        try (ServerProcess serve = ServerProcess.start(Map.of(), "--data", data.toString(), "--port", "0",
                "--s3-port", "0")) {
            assertThat(serve.log().lines().findFirst().orElse("")).startsWith("faceblur serve: starting");
        }
    }
}
