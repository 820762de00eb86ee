package faceblur.studio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** How the studio names what it sends as files: their content type, and a safe Content-Disposition. */
final class Downloads {

    private static final Map<String, String> VIDEO_TYPES = Map.of("mp4", "video/mp4", "m4v", "video/mp4",
            "mov", "video/quicktime", "mkv", "video/x-matroska", "webm", "video/webm", "gif", "image/gif",
            "avi", "video/x-msvideo", "ogv", "video/ogg");

    private Downloads() {
    }

    /** A video's type by its extension; one the browser should not guess at is plain bytes. */
    static String videoType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return VIDEO_TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /**
     * {@code attachment} with the file's name twice: as ASCII with anything that could end the quoted string or
     * the header (quotes, backslashes, control characters, non-ASCII) replaced by '_', for old clients, and
     * exactly, percent-encoded in UTF-8 (RFC 6266), for the rest.
     */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints().forEach(c -> ascii.append(c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == ';'
                ? '_' : (char) c));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
