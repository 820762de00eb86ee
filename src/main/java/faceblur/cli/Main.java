package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.engine.FaceBlur;
import faceblur.engine.NativeVersions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code faceblur} command: parses arguments and turns failures into one clear line and exit code 2. */
@Command(name = "faceblur",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "Hide every face in a video, on every frame, on your own machine.",
        description = {
                "",
                "  faceblur blur in.mp4                 writes in_blurred.mp4 beside it",
                "  faceblur detect in.mp4 -o faces.json the faces, as Rekognition's GetFaceDetection JSON",
                "  faceblur redact in.mp4 --faces f.json blur from detections made elsewhere",
                "  faceblur studio in.mp4               review in the browser: keep or blur each person, add missed faces",
                "  faceblur serve                       a Rekognition-Video-compatible API and S3 endpoint",
                "  faceblur worker --db URL             one more node for the jobs and the blur-on-upload pipeline",
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
        System.exit(commandLine().execute(args));
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
        err.println("faceblur: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        String command = cli.getCommandSpec().qualifiedName();
        err.println("Run '" + command + " --help' for its options and examples.");
        err.flush();
        return EXIT_USER_ERROR;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
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
