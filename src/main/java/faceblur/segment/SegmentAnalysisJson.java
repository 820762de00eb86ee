package faceblur.segment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.FaceblurException;
import faceblur.engine.Analysis;
import faceblur.track.Observation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * A segment's analysis as JSON, for one node to upload and another to read back without loss: times are whole
 * microseconds and every double is written in its shortest exact form, so {@code read(write(a))} equals
 * {@code a}. Observations, cuts, every frame's shift, the first and last frames' thumbnails and the video's facts
 * travel; tracks are linked again from the joined segments.
 */
public final class SegmentAnalysisJson {

    /** Bumped when the shape changes, so that a node never misreads another version's upload. */
    static final int VERSION = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            // The records' components only: derived accessors such as Rational.isValid() are not data.
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private record Document(int version, Analysis analysis) {
    }

    /** A segment's text observations, kept beside its analysis for jobs that hide text. */
    private record Texts(int version, List<Observation> observations) {
    }

    private SegmentAnalysisJson() {
    }

    public static void write(Analysis analysis, OutputStream out) throws IOException {
        MAPPER.writeValue(out, new Document(VERSION, analysis));
    }

    /** {@link #write(Analysis, OutputStream)} as a string, for a database column. */
    public static String toJson(Analysis analysis) {
        try {
            return MAPPER.writeValueAsString(new Document(VERSION, analysis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #read(InputStream)} from a string. */
    public static Analysis fromJson(String json) {
        try {
            return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text a segment's analysis found, in the same exact form as its faces. */
    public static String textsToJson(List<Observation> texts) {
        try {
            return MAPPER.writeValueAsString(new Texts(VERSION, texts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #textsToJson} read back. */
    public static List<Observation> textsFromJson(String json) {
        try {
            Texts texts = MAPPER.readValue(json, Texts.class);
            if (texts.version() != VERSION || texts.observations() == null) {
                throw new FaceblurException("not faceblur segment text of version " + VERSION
                        + " (version " + texts.version() + ")");
            }
            return texts.observations();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Analysis read(InputStream in) throws IOException {
        Document document = MAPPER.readValue(in, Document.class);
        if (document.version() != VERSION || document.analysis() == null) {
            throw new FaceblurException("not a faceblur segment analysis of version " + VERSION
                    + " (version " + document.version() + ")");
        }
        return document.analysis();
    }
}
