package faceblur.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Groups the commands that measure faceblur against annotated faces. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        header = "Measure how well faces are found and hidden, against faces marked by people.",
        description = {"",
                "  images   recall, precision and blur coverage on annotated photos",
                "  video    faces left visible, frame by frame, from the pixels of two videos",
                "",
                "Run 'faceblur eval COMMAND --help' for each measurement's options."},
        subcommands = {EvalImagesCommand.class, EvalVideoCommand.class})
final class EvalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
