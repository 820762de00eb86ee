package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.eval.LeakEvaluation;
import faceblur.eval.LeakReport;
import faceblur.eval.MotGroundTruth;
import faceblur.eval.RedactionRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "video",
        mixinStandardHelpOptions = true,
        header = "Leak rate of a redacted video: the ground-truth faces it leaves visible, frame by frame.",
        description = {
                "Decodes the original and the redacted video side by side and, for every face box of the ground "
                        + "truth on every frame, decides from the pixels of both whether the face was hidden: "
                        + "a face counts as hidden when most of its box lost its detail or changed outright "
                        + "(blur, pixelation, fill); a re-encode alone hides nothing. faceblur's own detections "
                        + "play no part.",
                "",
                "The ground truth is MOT-style CSV, one line per face per frame: frame,id,x,y,w,h with frames "
                        + "counted from 1 and boxes in pixels; further columns are ignored, a header line is "
                        + "skipped.",
                "",
                "Reports leaked face-frames by face height, the leak rate of faces at least 24 px high, the "
                        + "longest run of frames on which one face stayed visible, and how much of the picture "
                        + "outside faces changed.",
                "",
                "Featureless face-frames, whose box is flat or nearly black in the original (nothing there "
                        + "could identify anyone), are counted apart and left out of the leak rates; that is "
                        + "decided from the original alone, so hiding a face cannot make it featureless.",
                "",
                "A second, independent rule checks the first: a face also counts as leaked when the fine "
                        + "detail inside its box still correlates with the original's. Its leak rate and the "
                        + "face-frames where the two rules disagree are reported beside the first.",
                "",
                "Example:",
                "  faceblur blur street.mp4 -o street_blurred.mp4",
                "  faceblur eval video --original street.mp4 --blurred street_blurred.mp4 \\",
                "      --gt street.gt.csv --json street.leaks.json",
                ""})
final class EvalVideoCommand implements Callable<Integer> {

    @Option(names = "--original", required = true, paramLabel = "IN", description = "The video before redaction.")
    Path original;

    @Option(names = "--blurred", required = true, paramLabel = "OUT",
            description = "The redacted video: same frames, same size.")
    Path blurred;

    @Option(names = "--gt", required = true, paramLabel = "GT.csv",
            description = "Ground-truth face boxes: frame,id,x,y,w,h (MOT layout).")
    Path groundTruth;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every number as JSON to FILE (replaced if present).")
    Path json;

    @Option(names = "--leaks-csv", paramLabel = "FILE",
            description = "Also list every leaked face-frame in FILE: frame,id,height,changed_share,correlation "
                    + "(replaced if present). To see which faces leak, and on which frames.")
    Path leaksCsv;

    @Override
    public Integer call() {
        MotGroundTruth truth = MotGroundTruth.read(groundTruth);
        LeakReport report = LeakEvaluation.run(original, blurred, truth, RedactionRule.DEFAULT);
        System.out.print(report.table());
        if (json != null) {
            write(json, report::writeJson);
        }
        if (leaksCsv != null) {
            write(leaksCsv, report::writeLeaksCsv);
        }
        return 0;
    }

    private interface FileWriter {
        void write(Path file) throws IOException;
    }

    private static void write(Path file, FileWriter writer) {
        try {
            writer.write(file);
        } catch (IOException e) {
            throw new FaceblurException(file + ": cannot be written (" + e.getMessage() + ")");
        }
    }
}
