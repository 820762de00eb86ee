package faceblur.video;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Which files are taken for videos when a folder is given, and the name parts outputs are named from. */
public final class VideoFiles {

    public static final Set<String> EXTENSIONS = Set.of("mp4", "m4v", "mov", "mkv", "webm", "avi", "mpg", "mpeg",
            "ts", "mts", "m2ts", "wmv", "flv", "3gp", "ogv");

    private VideoFiles() {
    }

    public static boolean isVideoName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public static boolean isVideoName(Path p) {
        return isVideoName(p.getFileName().toString());
    }

    /** The name without its extension. */
    public static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
