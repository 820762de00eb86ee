package faceblur.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faceblur eval}: measures how well faces are hidden; each kind of input is a subcommand. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        header = "Measure how well faces are hidden, against hand-made ground truth.",
        subcommands = {EvalVideoCommand.class})
final class EvalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
