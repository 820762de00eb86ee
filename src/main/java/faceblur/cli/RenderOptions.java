package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.redact.BlurStrength;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Style;
import faceblur.video.EncoderSettings;
import faceblur.video.MetadataPolicy;
import faceblur.video.Rgb;
import picocli.CommandLine.Option;

/** How hidden faces look and how the output is encoded, shared by blur and redact. */
final class RenderOptions extends MaskOptions {

    @Option(names = "--style", paramLabel = "STYLE",
            description = "blur (a few colours remain), pixelate (blocks), fill (a solid colour), or outline: "
                    + "hides nothing, draws each mask with its track id and the detector's score (green: seen on "
                    + "that frame, yellow: carried by the tracker), to check what was found and choose "
                    + "--threshold; never for publishing. Default: ${DEFAULT-VALUE}.")
    Style style = Style.BLUR;

    @Option(names = "--blur-strength", paramLabel = "LEVEL",
            description = "high (about 8 cells of colour across the mask), medium (12) or low (16). Only high "
                    + "is measured for faces left recognisable (README, \"How well it works\"). "
                    + "Default: ${DEFAULT-VALUE}.")
    BlurStrength blurStrength = BlurStrength.HIGH;

    @Option(names = "--pixel-blocks", paramLabel = "N",
            description = "Blocks across the mask for --style pixelate, 4 to 24. Default: ${DEFAULT-VALUE}.")
    int pixelBlocks = RedactionSettings.DEFAULT_PIXEL_BLOCKS;

    @Option(names = {"--fill-colour", "--fill-color"}, paramLabel = "COLOUR",
            description = "Colour for --style fill: #rrggbb, black, white or grey. Default: ${DEFAULT-VALUE}.")
    String fillColour = "black";

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
        return new RedactionSettings(style, shape, maskScale, blurStrength, pixelBlocks, Rgb.parse(fillColour));
    }

    EncoderSettings encoding(int threads) {
        return new EncoderSettings(crf, preset, threads, keepMetadata ? MetadataPolicy.KEEP : MetadataPolicy.STRIP);
    }
}
