package faceblur.text;

import faceblur.FaceblurException;

import java.util.List;
import java.util.Locale;

/**
 * What is hidden: faces, text (licence plates, signs, badges, screens), or both. Written as {@code blur --hide}
 * takes it ({@code faces}, {@code text}, {@code faces,text}), which is also how a pipeline job stores it.
 */
public record HideTargets(boolean faces, boolean text) {

    public static final HideTargets FACES = new HideTargets(true, false);
    /** The values accepted, as an error message names them. */
    public static final String ALLOWED = "faces, text or faces,text";

    public HideTargets {
        if (!faces && !text) {
            throw new IllegalArgumentException("nothing to hide");
        }
    }

    /** The things {@code names} list; {@code what} (the option or field) heads the one error for a bad one. */
    public static HideTargets parse(String what, List<String> names) {
        boolean faces = false;
        boolean text = false;
        for (String name : names) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "faces" -> faces = true;
                case "text" -> text = true;
                default -> throw new FaceblurException(what + ": unknown '" + name.trim() + "'; give " + ALLOWED);
            }
        }
        if (!faces && !text) {
            throw new FaceblurException(what + ": give " + ALLOWED);
        }
        return new HideTargets(faces, text);
    }

    /** {@code faces,text} and the like, split at commas. */
    public static HideTargets parse(String what, String names) {
        return parse(what, List.of(names.split(",", -1)));
    }

    /** As {@link #parse(String, String)} takes it back. */
    @Override
    public String toString() {
        return faces && text ? "faces,text" : faces ? "faces" : "text";
    }
}
