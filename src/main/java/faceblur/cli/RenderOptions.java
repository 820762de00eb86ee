package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Style;
import faceblur.video.EncoderSettings;
import faceblur.video.MetadataPolicy;
import picocli.CommandLine.Option;

/** How hidden faces look and how the output is encoded, shared by blur and redact. */
final class RenderOptions extends MaskOptions {

    @Option(names = "--style", paramLabel = "STYLE",
            description = "blur (strong: a few colours remain), pixelate (about 10 blocks across) or fill "
                    + "(black). Default: ${DEFAULT-VALUE}.")
    Style style = Style.BLUR;

    @Option(names = "--crf", paramLabel = "N",
            description = "x264 quality, 0 (lossless) to 51; lower is better and larger. Default: ${DEFAULT-VALUE}.")
    int crf = EncoderSettings.defaults().crf();

    @Option(names = "--preset", paramLabel = "NAME",
            description = "x264 speed preset, ultrafast to veryslow. Default: ${DEFAULT-VALUE}.")
    String preset = EncoderSettings.defaults().preset();

    @Option(names = "--keep-metadata",
            description = "Copy the source's tags into the output: place (GPS), creation time, device make and model, "
                    + "titles and comments. By default the output carries none of them, only what playback needs "
                    + "(rotation, colour, timing, audio language).")
    boolean keepMetadata;

    @Option(names = "--overwrite", description = "Replace output files that already exist.")
    boolean overwrite;

    RedactionSettings redaction() {
        if (maskScale < 0.5 || maskScale > 4) {
            throw new FaceblurException("--mask-scale must be between 0.5 and 4, got " + maskScale);
        }
        return new RedactionSettings(style, shape, maskScale);
    }

    EncoderSettings encoding(int threads) {
        return new EncoderSettings(crf, preset, threads, keepMetadata ? MetadataPolicy.KEEP : MetadataPolicy.STRIP);
    }
}
