package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import faceblur.rekognition.FaceDetectionResult.FaceDetail;
import faceblur.rekognition.FaceDetectionResult.TextDetail;

import java.util.List;

/**
 * The body of an Amazon Rekognition {@code DetectFaces} response, the image API's shape, for one photo: each
 * face's box and landmarks as ratios of the (upright) picture, and its confidence 0-100. A photo has no time
 * and no tracks, so the video shape's Timestamp and TrackId would say nothing. {@code detect --hide text} adds
 * Texts, faceblur's own: each text region's Confidence and Geometry.BoundingBox, as in the video shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DetectFacesResult(@JsonProperty("FaceDetails") List<FaceDetail> faceDetails,
                                @JsonProperty("Texts") List<TextDetail> texts) {

    /** Faces only, as Rekognition answers and a plain {@code faceblur detect} writes: no Texts. */
    public DetectFacesResult(List<FaceDetail> faceDetails) {
        this(faceDetails, null);
    }
}
