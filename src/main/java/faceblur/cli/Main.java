package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.engine.FaceBlur;
import faceblur.engine.NativeLoading;
import faceblur.engine.NativeVersions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/** The {@code faceblur} command: parses arguments and turns failures into one clear line and exit code 2. */
@Command(name = "faceblur",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "Hide every face in a video, on every frame, on your own machine.",
        description = {
                "",
                "  faceblur blur in.mp4              writes in_blurred.mp4 beside it",
                "  faceblur detect in.mp4            the faces, as Rekognition's JSON",
                "  faceblur redact in.mp4 --faces f.json",
                "                                    blur from detections made elsewhere",
                "  faceblur studio in.mp4            review in the browser: who stays visible",
                "  faceblur serve                    a Rekognition-Video-compatible API and S3",
                "  faceblur worker --db URL          one more machine for the jobs and pipelines",
                "",
                "Run 'faceblur help COMMAND' or 'faceblur COMMAND --help' for each command's options."},
        subcommands = {BlurCommand.class, DetectCommand.class, RedactCommand.class, StudioCommand.class, ServeCommand.class, WorkerCommand.class,
                EvalCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Bad input, a missing file, an output in the way: the user can fix it. */
    public static final int EXIT_USER_ERROR = 2;
    /** A fault of faceblur itself. */
    public static final int EXIT_INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        NativeLoading.shippedVariantsOnly();
        SignalStop.install();
        System.exit(SignalStop.exitCode(commandLine().execute(args)));
    }

    /** The configured command line, also used by tests to run faceblur in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpAutoWidth(true);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler(Main::badArguments);
        return cli;
    }

    /** A mistyped command line: what is wrong and where to read more, not the whole help. */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        if (cli.getParent() == null && e instanceof CommandLine.UnmatchedArgumentException u
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            err.println("faceblur: " + unknownCommand(u.getUnmatched().get(0), cli.getSubcommands().keySet()));
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("faceblur: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        String command = cli.getCommandSpec().qualifiedName();
        err.println("Run '" + command + " --help' for its options and examples.");
        err.flush();
        return EXIT_USER_ERROR;
    }

    /** One line: the command that is not there, and the one that was probably meant, or every command. */
    static String unknownCommand(String typed, java.util.Set<String> commands) {
        List<String> names = commands.stream().filter(c -> !c.equals("help")).sorted().toList();
        String closest = names.stream().min(java.util.Comparator.comparingInt(c -> distance(typed, c))).orElse(null);
        String hint = closest != null && (distance(typed, closest) <= Math.max(1, closest.length() / 3)
                || closest.startsWith(typed) && typed.length() >= 2)
                ? "did you mean 'faceblur " + closest + "'?"
                : "the commands are " + String.join(", ", names) + ".";
        return "unknown command '" + typed + "'; " + hint + " Run 'faceblur --help' to see what each does.";
    }

    /** Edits (insert, delete, replace, swap of neighbours) that turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        a = a.toLowerCase(java.util.Locale.ROOT);
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (SignalStop.stopping()) {
            return EXIT_INTERNAL_ERROR; // its engine was closed under it: stopped, not broken (the signal's code wins)
        }
        if (e instanceof FaceblurException) {
            err.println("faceblur: " + e.getMessage());
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("faceblur: internal error: " + e + " (please report it, with the command you ran)");
        if (System.getenv("FACEBLUR_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_INTERNAL_ERROR;
    }

    /** The version from the jar's manifest, and the versions of the native libraries inside. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{FaceBlur.version(), NativeVersions.loaded().line()};
        }
    }
}
