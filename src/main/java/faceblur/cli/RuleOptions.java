package faceblur.cli;

import faceblur.FaceblurException;
import faceblur.redact.BlurStrength;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Shape;
import faceblur.redact.Style;
import faceblur.video.Rgb;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A watch rule's look, written as {@code blur}'s own options without their dashes:
 * {@code style=pixelate,pixel-blocks=8,shape=box}. What it leaves out is the default.
 */
final class RuleOptions {

    static final String KEYS = "style, shape, mask-scale, blur-strength, pixel-blocks, fill-colour";

    private RuleOptions() {
    }

    /** The settings {@code text} gives, or null for {@code default} (the node's settings). */
    static RedactionSettings parse(String text) {
        if (text.isBlank() || text.strip().equals("default")) {
            return null;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new FaceblurException("--rule-options " + text + ": '" + pair + "' is not NAME=VALUE (names: "
                        + KEYS + ")");
            }
            given.put(pair.substring(0, eq).strip().toLowerCase(Locale.ROOT), pair.substring(eq + 1).strip());
        }
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(Set.of("style", "shape", "mask-scale", "blur-strength", "pixel-blocks", "fill-colour",
                "fill-color"));
        if (!unknown.isEmpty()) {
            throw new FaceblurException("--rule-options " + text + ": unknown " + unknown + " (names: " + KEYS + ")");
        }
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
