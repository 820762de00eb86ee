package faceblur;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.engine.FaceBlur;
import faceblur.engine.ProgressListener;
import faceblur.redact.RedactionSettings;
import faceblur.video.Segment;
import faceblur.segment.SegmentJoiner;
import faceblur.segment.SegmentPlan;
import faceblur.testing.Cli;
import faceblur.testing.Media;
import faceblur.testing.Tools;
import faceblur.track.TrackerSettings;
import faceblur.video.Container;
import faceblur.video.EncoderSettings;
import faceblur.video.MetadataPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An anonymised video must not say where, when, on whose phone or about whom it was filmed. Inputs are made with
 * Debian's ffmpeg carrying each kind of identifying tag; outputs are read with exiftool and ffprobe, and searched
 * byte for byte for every planted value, so a tag under a name neither tool knows is caught too.
 */
class MetadataTest {

    /** Values planted in the inputs: none may appear anywhere in a default output. */
    private static final List<String> PLANTED = List.of("Alice Example", "Bob Witness", "Carol", "Dave",
            "iPhone 15 Pro", "48.8577", "17.4.1", "SN-C39XK2", "2024");

    /** exiftool tag names (after the group) that would identify a place, a device or a person. */
    private static final Pattern IDENTIFYING_TAG = Pattern.compile("(?i)[^:]*:(gps.*|.*location.*|make|model|.*serial.*"
            + "|software|artist|author|.*title|comment|description|keywords|xmp.*|chapter.*|.*identifier)");

    @TempDir
    Path dir;

    /** A phone-like MOV: place, capture time, device make/model/software, people in titles, a chapter, rotation. */
    private Path phoneMov() throws IOException {
        Path plain = Media.fixture("md-plain.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2", "-c:v", "libx264",
                "-pix_fmt", "yuv420p", "-c:a", "aac");
        Path chapters = Media.fixtures().resolve("md-chapters.txt");
        Files.writeString(chapters, ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=Dave arrives\n");
        return Media.fixture("md-phone.mov", "-i", plain.toString(), "-i", chapters.toString(),
                "-map", "0", "-map_chapters", "1", "-c", "copy",
                "-metadata", "title=Alice Example at home", "-metadata", "artist=Bob Witness",
                "-metadata", "comment=filmed by Carol", "-metadata", "creation_time=2024-05-01T10:00:00Z",
                "-metadata", "location=+48.8577+002.2950/",
                "-metadata", "com.apple.quicktime.location.ISO6709=+48.8577+002.2950+035.000/",
                "-metadata", "com.apple.quicktime.make=Apple", "-metadata", "com.apple.quicktime.model=iPhone 15 Pro",
                "-metadata", "com.apple.quicktime.software=17.4.1",
                "-metadata", "com.apple.quicktime.creationdate=2024-05-01T12:00:00+0200",
                "-metadata", "com.apple.quicktime.camera.identifier=SN-C39XK2",
                "-metadata:s:a:0", "language=fra", "-metadata:s:a:0", "handler_name=Alice lapel mic",
                "-metadata:s:v:0", "handler_name=Dave camera", "-metadata:s:v:0", "rotate=90",
                "-movflags", "use_metadata_tags");
    }

    @Test
    void aPhoneVideoComesOutWithNoPlaceTimeDeviceOrNames() throws IOException {
        Path input = phoneMov();
        Map<String, String> before = exif(input);
        assertThat(before.keySet()).as("the input carries what the test looks for")
                .anyMatch(k -> k.contains("GPS")).anyMatch(k -> k.endsWith(":Model")).anyMatch(k -> k.endsWith(":Title"));
        assertThat(chapterCount(input)).isEqualTo(1);

        Path out = blur(input, "phone_out.mov");

        assertThat(plantedValuesIn(out)).as("planted values found in the output's bytes").isEmpty();
        Map<String, String> after = exif(out);
        assertThat(after.keySet()).as("exiftool's tags").noneMatch(k -> IDENTIFYING_TAG.matcher(k).matches());
        after.forEach((tag, value) -> {
            if (tag.matches("(?i).*date.*") && !tag.startsWith("System:")) {
                assertThat(value).as(tag).isEqualTo("0000:00:00 00:00:00");
            }
        });
        assertThat(chapterCount(out)).isZero();
        // What playback needs stays: the rotation, the audio's language, every frame.
        assertThat(rotation(out)).isEqualTo(rotation(input)).isNotEmpty();
        assertThat(audioLanguage(out)).isEqualTo("fra");
        assertThat(Tools.frameTimes(out)).hasSameSizeAs(Tools.frameTimes(input));
    }

    @Test
    void keepMetadataCopiesTheTagsAsToday() throws IOException {
        Path out = blur(phoneMov(), "kept_out.mov", "--keep-metadata");
        assertThat(plantedValuesIn(out)).contains("Alice Example", "48.8577", "iPhone 15 Pro", "SN-C39XK2");
        assertThat(exif(out).keySet()).anyMatch(k -> k.contains("GPS"));
    }

    /** Audio MP4 cannot carry unchanged goes to Matroska, whose tags are another format: stripped all the same. */
    @Test
    void matroskaOutputCarriesNoTagsEither() throws IOException {
        Path input = Media.fixture("md-tagged.mkv", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-c:a", "pcm_s16le", "-metadata", "title=Alice Example interview", "-metadata", "DATE_RECORDED=2024-05-01",
                "-metadata", "ARTIST=Bob Witness", "-metadata:s:a:0", "title=Carol's microphone",
                "-metadata:s:a:0", "language=ger");
        assertThat(plantedValuesIn(input)).contains("Alice Example", "Bob Witness", "Carol", "2024");
        Path out = blur(input, "tagged_out.mkv");
        assertThat(plantedValuesIn(out)).isEmpty();
        assertThat(audioLanguage(out)).isEqualTo("ger");
    }

    /** The pipeline's render (pieces joined without re-encoding) takes its tags from the source too. */
    @Test
    void joinedPiecesCarryNoTags() throws IOException {
        Path input = phoneMov();
        Path joined = dir.resolve("joined.mov");
        try (FaceBlur engine = FaceBlur.withoutDetector(TrackerSettings.defaults())) {
            List<Path> pieces = new ArrayList<>();
            for (Segment segment : SegmentPlan.plan(input, Duration.ofSeconds(10))) {
                Path piece = dir.resolve("piece-" + segment.index() + ".mp4");
                engine.renderSegment(input, List.of(), segment, RedactionSettings.defaults(), EncoderSettings.defaults(),
                        piece, ProgressListener.NONE);
                pieces.add(piece);
            }
            SegmentJoiner.join(input, pieces, joined, Container.MOV, EncoderSettings.defaults().metadata());
        }
        assertThat(plantedValuesIn(joined)).isEmpty();
        assertThat(audioLanguage(joined)).isEqualTo("fra");
    }

    private Path blur(Path input, String outputName, String... extra) {
        Path out = dir.resolve(outputName);
        List<String> args = new ArrayList<>(List.of("blur", input.toString(), "-o", out.toString(), "-q"));
        args.addAll(List.of(extra));
        Cli.Outcome outcome = Cli.run(args.toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        return out;
    }

    private static List<String> plantedValuesIn(Path file) throws IOException {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return PLANTED.stream().filter(bytes::contains).toList();
    }

    /** Every tag exiftool reads, by group and name ("Keys:GPSCoordinates"), with its value. */
    private static Map<String, String> exif(Path file) throws IOException {
        Tools.Result r = Tools.run(List.of("exiftool", "-j", "-a", "-G1", "-n", file.toString()), null);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode tags = new ObjectMapper().readTree(r.stdout()).get(0);
        Map<String, String> all = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            all.put(e.getKey(), e.getValue().asText());
        }
        return all;
    }

    private static int chapterCount(Path file) {
        String out = Tools.ffprobe("-show_chapters", "-of", "csv=p=0", file.toString());
        return out.isBlank() ? 0 : out.strip().split("\n").length;
    }

    private static String audioLanguage(Path file) {
        return Tools.ffprobe("-select_streams", "a:0", "-show_entries", "stream_tags=language",
                "-of", "default=nw=1:nk=1", file.toString());
    }

    private static String rotation(Path file) {
        return Tools.ffprobe("-select_streams", "v:0", "-show_entries", "stream_side_data=rotation",
                "-of", "default=nw=1:nk=1", file.toString());
    }
}
