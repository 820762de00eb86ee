package faceblur.cli;

import faceblur.redact.RedactionSettings;
import faceblur.redact.Shape;
import picocli.CommandLine.Option;

/** Which area around each face is hidden: shared by the commands that hide faces and those that measure it. */
class MaskOptions {

    @Option(names = "--shape", paramLabel = "SHAPE",
            description = "ellipse or box. Default: ${DEFAULT-VALUE}.")
    Shape shape = Shape.ELLIPSE;

    @Option(names = "--mask-scale", paramLabel = "FACTOR",
            description = "Enlarge each face box by this factor before hiding it, to take in hair and ears. "
                    + "1.5 also takes in hats and the whole head, and hides more of the picture around faces "
                    + "(README, \"How well it works\"). Default: ${DEFAULT-VALUE}.")
    double maskScale = RedactionSettings.DEFAULT_MASK_SCALE;
}
