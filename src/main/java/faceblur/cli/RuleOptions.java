package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.redact.BlurStrength;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Shape;
import faceblur.redact.Style;
import faceblur.text.HideTargets;
import faceblur.video.Rgb;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A watch rule's look and what it hides, written as {@code blur}'s own options without their dashes:
 * {@code style=pixelate,pixel-blocks=8,shape=box,hide=faces,text}. What it leaves out is the default; the
 * look left out entirely is the node's.
 */
final class RuleOptions {

    static final String KEYS = "style, shape, mask-scale, blur-strength, pixel-blocks, fill-colour, hide";

    /**
     * What a rule's options say.
     *
     * @param redaction the look, or null for the node's
     * @param hide      what is hidden
     */
    record Parsed(RedactionSettings redaction, HideTargets hide) {
    }

    private RuleOptions() {
    }

    /** What {@code text} gives; {@code default} is the node's look, hiding faces. */
    static Parsed parse(String text) {
        if (text.isBlank() || text.strip().equals("default")) {
            return new Parsed(null, HideTargets.FACES);
        }
        Map<String, String> given = new LinkedHashMap<>();
        String last = null;
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq < 0 && "hide".equals(last)) {
                // hide=faces,text: the commas of hide's own list
                given.merge("hide", pair.strip(), (a, b) -> a + "," + b);
                continue;
            }
            if (eq <= 0) {
                throw new FaceblurException("--rule-options " + text + ": '" + pair + "' is not NAME=VALUE (names: "
                        + KEYS + ")");
            }
            last = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            given.put(last, pair.substring(eq + 1).strip());
        }
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(Set.of("style", "shape", "mask-scale", "blur-strength", "pixel-blocks", "fill-colour",
                "fill-color", "hide"));
        if (!unknown.isEmpty()) {
            throw new FaceblurException("--rule-options " + text + ": unknown " + unknown + " (names: " + KEYS + ")");
        }
        HideTargets hide = HideTargets.parse("--rule-options " + text + ": hide",
                given.getOrDefault("hide", HideTargets.FACES.toString()));
        given.remove("hide");
        return new Parsed(given.isEmpty() ? null : look(text, given), hide);
    }

    private static RedactionSettings look(String text, Map<String, String> given) {
        RedactionSettings d = RedactionSettings.defaults();
        RedactionSettings settings;
        try {
            settings = new RedactionSettings(
                    Style.valueOf(given.getOrDefault("style", d.style().name()).toUpperCase(Locale.ROOT)),
                    Shape.valueOf(given.getOrDefault("shape", d.shape().name()).toUpperCase(Locale.ROOT)),
                    Double.parseDouble(given.getOrDefault("mask-scale", Double.toString(d.maskScale()))),
                    BlurStrength.valueOf(given.getOrDefault("blur-strength", d.blurStrength().name())
                            .toUpperCase(Locale.ROOT)),
                    Integer.parseInt(given.getOrDefault("pixel-blocks", Integer.toString(d.pixelBlocks()))),
                    Rgb.parse(given.getOrDefault("fill-colour", given.getOrDefault("fill-color", "black"))));
        } catch (IllegalArgumentException | FaceblurException e) {
            throw new FaceblurException("--rule-options " + text + ": " + e.getMessage());
        }
        if (!settings.style().hides()) {
            throw new FaceblurException("--rule-options " + text + ": style outline hides nothing; a watch rule "
                    + "publishes");
        }
        return settings;
    }
}
