package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;

/** The file formats faceblur writes. */
public enum Container {
    MP4("mp4", List.of(".mp4", ".m4v")),
    MOV("mov", List.of(".mov")),
    MATROSKA("matroska", List.of(".mkv"));

    private final String muxer;
    private final List<String> extensions;

    Container(String muxer, List<String> extensions) {
        this.muxer = muxer;
        this.extensions = extensions;
    }

    public String muxer() {
        return muxer;
    }

    public String extension() {
        return extensions.get(0);
    }

    /** The container an output path asks for by its extension. */
    public static Container forPath(Path output) {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.extensions.stream().anyMatch(name::endsWith))
                .findFirst()
                .orElseThrow(() -> new FaceblurException(output + ": unsupported output type; name it .mp4, .mov or .mkv"));
    }

    /**
     * Why this container will not do for these audio codecs, and what will: the first container that can carry
     * them (named {@code howToName}, such as " with --output-template"), or converting the audio when none can.
     * Null when this one can.
     *
     * @param whose such as " of clip.avi", or empty
     */
    public String refusal(List<String> audioCodecs, String whose, String howToName) {
        if (canCarry(audioCodecs)) {
            return null;
        }
        // Matroska first: it carries the most audio codecs, and the documentation sends odd audio there
        String advice = Stream.of(MATROSKA, MOV, MP4).filter(c -> c.canCarry(audioCodecs)).findFirst()
                .map(c -> "name the output " + c.extension() + howToName)
                .orElse("convert the audio first, e.g. ffmpeg -i INPUT -c:v copy -c:a flac converted.mkv");
        return "a " + extension() + " file cannot hold the audio (" + String.join(", ", audioCodecs) + ")" + whose
                + " without re-encoding it; " + advice;
    }

    /** The container for an input when no output name is given: MOV stays MOV, everything else MP4. */
    public static Container defaultFor(Path input, VideoInfo info) {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        Container preferred = name.endsWith(".mov") ? MOV : MP4;
        return preferred.canCarry(info.audioCodecs()) ? preferred : MATROSKA;
    }

    /** Whether every audio codec can be copied into this container unchanged. */
    public boolean canCarry(List<String> audioCodecs) {
        return audioCodecs.stream().allMatch(this::canCarry);
    }

    public boolean canCarry(String codec) {
        if (this == MP4 && codec.startsWith("pcm_")) {
            // FFmpeg 8 says yes and writes ISO 23003-5 'ipcm', which older readers get wrong (FFmpeg 5.1 reads
            // 24-bit as 16-bit) and whose file it cannot complete for stereo 48 kHz copied from MKV or AVI
            // (EINVAL at the trailer). PCM goes to Matroska, as the documentation says.
            return false;
        }
        AVOutputFormat format = av_guess_format(muxer, null, null);
        var descriptor = avcodec_descriptor_get_by_name(codec);
        if (format == null || descriptor == null) {
            return false;
        }
        return avformat_query_codec(format, descriptor.id(), FF_COMPLIANCE_NORMAL) == 1;
    }
}
