package faceblur.text;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Shape;

/**
 * Text boxes handed to the face redactor, which draws its mask (an ellipse or the box, enlarged by the mask
 * scale) around each box it is given. A text box is a rectangle already padded around its letters, so its mask
 * must hold the whole rectangle: the box is resized so that the face mask drawn around it is exactly the text
 * box (shape box) or the ellipse through its four corners (shape ellipse, √2 times the box each way). So text is
 * hidden in the same style and shape as the faces beside it, never with its ends or corners showing, and the
 * renderer needs no second kind of mask.
 */
public final class TextMasks {

    private TextMasks() {
    }

    /** The box to give the face redactor so that its mask covers {@code text} entirely. */
    public static Box forFaceMask(Box text, RedactionSettings redaction) {
        double needed = redaction.shape() == Shape.ELLIPSE ? Math.sqrt(2) : 1.0;
        return text.scaledAboutCenter(needed / redaction.maskScale());
    }

    public static Detection forFaceMask(Detection text, RedactionSettings redaction) {
        return new Detection(forFaceMask(text.box(), redaction), text.confidence(), text.landmarks());
    }
}
