package faceblur.pipeline;

import faceblur.FaceblurException;
import faceblur.redact.RedactionSettings;
import faceblur.storage.S3Location;

/**
 * New objects under {@code source} are blurred into {@code target}, named by {@code naming}, hidden as
 * {@code redaction} says (null: as the node's settings say).
 */
public record WatchRule(S3Prefix source, S3Prefix target, OutputNaming naming, RedactionSettings redaction) {

    public WatchRule {
        if (source.covers(target)) {
            // the outputs would be announced as new inputs, and blurred again, for ever
            throw new FaceblurException("--to " + target + " lies inside --watch " + source
                    + ": the outputs would be processed again; choose another bucket or folder");
        }
    }

    /** A rule that hides faces as the node's settings say. */
    public WatchRule(S3Prefix source, S3Prefix target, OutputNaming naming) {
        this(source, target, naming, null);
    }

    /** What makes two announcements the same rule: folders, naming and the look it chose. */
    public String id() {
        return source + " -> " + target + naming.template() + (redaction == null ? "" : " " + redaction);
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
