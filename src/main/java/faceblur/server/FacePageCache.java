package faceblur.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import faceblur.rekognition.FaceDetectionResult.FaceDetection;
import faceblur.rekognition.RekognitionJson;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Pages of finished jobs, kept serialized: a finished job's faces never change, and clients poll the same
 * pages over and over, so each page is read from the database and turned into JSON once. The least recently
 * used pages go first when the cache passes its size.
 */
final class FacePageCache {

    private record Key(String jobId, int offset, int limit) {
    }

    private final long maxChars;
    private final Map<Key, SerializedString> pages = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    FacePageCache(long maxChars) {
        this.maxChars = maxChars;
    }

    /** The JSON array of a page, from the cache or from {@code load}. */
    SerializedString page(String jobId, int offset, int limit, Supplier<List<FaceDetection>> load) {
        Key key = new Key(jobId, offset, limit);
        synchronized (this) {
            SerializedString cached = pages.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // loaded outside the lock: two threads may both load a page, which costs less than making all wait
        SerializedString json = new SerializedString(serialize(load.get()));
        synchronized (this) {
            if (pages.put(key, json) == null) {
                chars += json.charLength();
            }
            evict();
        }
        return json;
    }

    private void evict() {
        Iterator<SerializedString> eldest = pages.values().iterator();
        while (chars > maxChars && pages.size() > 1) {
            chars -= eldest.next().charLength();
            eldest.remove();
        }
    }

    private static String serialize(List<FaceDetection> faces) {
        try {
            return RekognitionJson.mapper().writeValueAsString(faces);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
