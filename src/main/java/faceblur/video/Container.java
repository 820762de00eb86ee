package faceblur.video;

import faceblur.FaceblurException;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
        AVOutputFormat format = av_guess_format(muxer, null, null);
        var descriptor = avcodec_descriptor_get_by_name(codec);
        if (format == null || descriptor == null) {
            return false;
        }
        return avformat_query_codec(format, descriptor.id(), FF_COMPLIANCE_NORMAL) == 1;
    }
}
