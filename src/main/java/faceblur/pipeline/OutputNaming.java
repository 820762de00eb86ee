package faceblur.pipeline;

import faceblur.FaceblurException;
import faceblur.photo.PhotoFormat;
import faceblur.storage.S3Location;

import java.util.List;
import java.util.Locale;

/**
 * Where a source's outputs go under the target folder. The template's variables come from the source key relative
 * to the watched folder: {@code {path}} all of it, {@code {dir}} its folders (with the slash), {@code {name}} the
 * file name, {@code {stem}} the name without extension, {@code {ext}} the output's extension: the source's when
 * faceblur writes that container (.mp4, .m4v, .mov, .mkv) or photo format (.jpg, .jpeg, .png, .webp), else .mp4.
 * The detections go beside the video, as
 * {@code <video key>.faces.json}.
 */
public record OutputNaming(String template) {

    /** The same key under the target folder (for the containers faceblur writes). */
    public static final String DEFAULT = "{dir}{stem}{ext}";
    public static final String FACES_SUFFIX = ".faces.json";
    private static final List<String> KEPT_EXTENSIONS = List.of(".mp4", ".m4v", ".mov", ".mkv");

    public OutputNaming {
        if (!template.contains("{path}") && !template.contains("{name}") && !template.contains("{stem}")) {
            throw new FaceblurException("the output template \"" + template + "\" must contain {path}, {name} or "
                    + "{stem}, or every input would be written to one key");
        }
    }

    public static OutputNaming defaults() {
        return new OutputNaming(DEFAULT);
    }

    /** The blurred video's location for a source at {@code relativeKey} under its watched folder. */
    public S3Location video(S3Prefix target, String relativeKey) {
        int slash = relativeKey.lastIndexOf('/');
        String dir = relativeKey.substring(0, slash + 1);
        String name = relativeKey.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String sourceExt = dot > 0 ? name.substring(dot) : "";
        String ext = KEPT_EXTENSIONS.contains(sourceExt.toLowerCase(Locale.ROOT)) || PhotoFormat.isPhotoName(name)
                ? sourceExt : ".mp4";
        String key = template.replace("{path}", relativeKey).replace("{dir}", dir).replace("{name}", name)
                .replace("{stem}", stem).replace("{ext}", ext);
        return target.resolve(key);
    }

    public static S3Location faces(S3Location video) {
        return video.withKey(video.key() + FACES_SUFFIX);
    }
}
