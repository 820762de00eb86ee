package faceblur.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import faceblur.rekognition.RekognitionJson;

import java.io.UncheckedIOException;

/** Rekognition-shaped JSON, compact, for storage and messages. */
final class Json {

    private static final ObjectWriter WRITER = RekognitionJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> ObjectReader reader(Class<T> type) {
        return RekognitionJson.mapper().readerFor(type);
    }

    static <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return reader(type).readValue(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
