package faceblur.video;

import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;

import java.util.Set;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * Which of the source's tags an output carries. An anonymised video that still says where and when it was filmed,
 * on whose phone, or whose voice is on the audio track identifies people as surely as a face: by default only what
 * playback needs goes through. Rotation, colour description and timing are not tags (they travel in the streams'
 * parameters and side data) and are always kept; of the tags, only an audio stream's language is.
 */
public enum MetadataPolicy {
    /** Drop every file and stream tag except an audio stream's language: no place, time, device or names. */
    STRIP,
    /** Copy every tag as the source has it (the user asked for it with {@code --keep-metadata}). */
    KEEP;

    /** Stream tags that say nothing about who, where or when, and that players use to choose a track. */
    private static final Set<String> NEEDED_STREAM_TAGS = Set.of("language");

    /** The file-level tags for the output: a new dictionary the muxer takes over. */
    AVDictionary fileTags(AVDictionary source) {
        return this == KEEP ? copyAll(source) : new AVDictionary(null);
    }

    /** The tags of one copied stream, for the output. */
    AVDictionary streamTags(AVDictionary source) {
        if (this == KEEP) {
            return copyAll(source);
        }
        AVDictionary kept = new AVDictionary(null);
        for (String name : NEEDED_STREAM_TAGS) {
            AVDictionaryEntry entry = av_dict_get(source, name, null, 0);
            if (entry != null && !entry.isNull()) {
                av_dict_set(kept, name, entry.value().getString(), 0);
            }
        }
        return kept;
    }

    private static AVDictionary copyAll(AVDictionary from) {
        AVDictionary to = new AVDictionary(null);
        av_dict_copy(to, from, 0);
        return to;
    }
}
