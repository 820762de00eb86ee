package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import faceblur.rekognition.FaceDetectionResult.FaceDetail;

import java.util.List;

/**
 * The body of an Amazon Rekognition {@code DetectFaces} response, the image API's shape, for one photo: each
 * face's box and landmarks as ratios of the (upright) picture, and its confidence 0-100. A photo has no time
 * and no tracks, so the video shape's Timestamp and TrackId would say nothing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DetectFacesResult(@JsonProperty("FaceDetails") List<FaceDetail> faceDetails) {
}
