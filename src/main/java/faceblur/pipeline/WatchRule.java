package faceblur.pipeline;

import faceblur.FaceblurException;
import faceblur.redact.RedactionSettings;
import faceblur.storage.S3Location;
import faceblur.text.HideTargets;

import java.util.Objects;

/**
 * New objects under {@code source} are blurred into {@code target}, named by {@code naming}, hidden as
 * {@code redaction} says (null: as the node's settings say); {@code hide} says whether faces, text or both.
 */
public record WatchRule(S3Prefix source, S3Prefix target, OutputNaming naming, RedactionSettings redaction,
                        HideTargets hide) {

    public WatchRule {
        Objects.requireNonNull(hide, "hide");
        if (source.covers(target)) {
            // the outputs would be announced as new inputs, and blurred again, for ever
            throw new FaceblurException("--to " + target + " lies inside --watch " + source
                    + ": the outputs would be processed again; choose another bucket or folder");
        }
    }

    /** A rule that hides faces as the node's settings say. */
    public WatchRule(S3Prefix source, S3Prefix target, OutputNaming naming) {
        this(source, target, naming, null, HideTargets.FACES);
    }

    /**
     * What makes two announcements the same rule: folders, naming, the look it chose and what it hides (named
     * only when not faces alone, so that rules from before hiding text keep their ids and their jobs).
     */
    public String id() {
        return source + " -> " + target + naming.template() + (redaction == null ? "" : " " + redaction)
                + (hide.equals(HideTargets.FACES) ? "" : " hide=" + hide);
    }

    public boolean matches(S3Location location) {
        return source.contains(location.bucket(), location.key());
    }

    public S3Location video(S3Location sourceObject) {
        return naming.video(target, source.relative(sourceObject.key()));
    }

    @Override
    public String toString() {
        return source + " -> " + target;
    }
}
