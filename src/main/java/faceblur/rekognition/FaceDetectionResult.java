package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The body of a {@code GetFaceDetection} response, field for field as Amazon Rekognition Video shapes it.
 * Unknown fields are ignored when reading, as AWS clients do. {@code faceblur detect --hide text} adds Texts and
 * TextEvery (the text detector looked at every TextEvery-th frame, from the first: redact needs it to follow
 * the camera as blur did); both are absent otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FaceDetectionResult(
        @JsonProperty("JobStatus") String jobStatus,
        @JsonProperty("StatusMessage") String statusMessage,
        @JsonProperty("VideoMetadata") VideoMetadata videoMetadata,
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("Faces") List<FaceDetection> faces,
        @JsonProperty("Texts") List<TextSighting> texts,
        @JsonProperty("TextEvery") Integer textEvery) {

    /** A response of faces only, as Rekognition and a plain {@code faceblur detect} give: no Texts. */
    public FaceDetectionResult(String jobStatus, String statusMessage, VideoMetadata videoMetadata, String nextToken,
                               List<FaceDetection> faces) {
        this(jobStatus, statusMessage, videoMetadata, nextToken, faces, null, null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VideoMetadata(
            @JsonProperty("Codec") String codec,
            @JsonProperty("DurationMillis") Long durationMillis,
            @JsonProperty("Format") String format,
            @JsonProperty("FrameRate") Double frameRate,
            @JsonProperty("FrameHeight") Integer frameHeight,
            @JsonProperty("FrameWidth") Integer frameWidth,
            @JsonProperty("ColorRange") String colorRange) {
    }

    /**
     * One face at one time. {@code TrackId} is faceblur's own addition: the same number on every sighting of
     * the same face; AWS clients ignore it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FaceDetection(
            @JsonProperty("Timestamp") long timestamp,
            @JsonProperty("Face") FaceDetail face,
            @JsonProperty("TrackId") Integer trackId) {
    }

    /**
     * One text region (a licence plate, a sign, a badge) at one time: faceblur's own addition beside Faces, written
     * by {@code detect --hide text}, shaped as Rekognition's {@code GetTextDetection} items (Timestamp and a
     * TextDetection with its Confidence and Geometry.BoundingBox) less the words, which faceblur does not read.
     * TrackId, as for faces, is the same on every sighting of the same text, and no face has it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TextSighting(
            @JsonProperty("Timestamp") long timestamp,
            @JsonProperty("TextDetection") TextDetail textDetection,
            @JsonProperty("TrackId") Integer trackId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TextDetail(
            @JsonProperty("Confidence") Float confidence,
            @JsonProperty("Geometry") Geometry geometry) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Geometry(@JsonProperty("BoundingBox") BoundingBox boundingBox) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FaceDetail(
            @JsonProperty("BoundingBox") BoundingBox boundingBox,
            @JsonProperty("Confidence") Float confidence,
            @JsonProperty("Landmarks") List<Landmark> landmarks) {
    }

    /**
     * Ratios of the frame's width and height; may reach past 0 and 1 for faces at the edge. Floats, as the
     * service's model has them: 7 digits place a box within a thousandth of a pixel on any frame, and a page of
     * a thousand faces is half the size it would be with doubles.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BoundingBox(
            @JsonProperty("Width") float width,
            @JsonProperty("Height") float height,
            @JsonProperty("Left") float left,
            @JsonProperty("Top") float top) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Landmark(
            @JsonProperty("Type") String type,
            @JsonProperty("X") float x,
            @JsonProperty("Y") float y) {
    }
}
