package faceblur.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceblur.track.Observation;

import java.io.UncheckedIOException;
import java.util.List;

/** A segment's analysis as stored between the analyse and render steps, which may run on different nodes. */
final class ObservationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<Observation>> TYPE = new TypeReference<>() {
    };

    private ObservationJson() {
    }

    static String write(List<Observation> observations) {
        try {
            return MAPPER.writeValueAsString(observations);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Observation> read(String json) {
        try {
            return MAPPER.readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
