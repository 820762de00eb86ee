package faceblur.photo;

import faceblur.detect.Detection;

import java.util.List;

/** The faces found in one photo, in the pixels of its upright picture of {@code width x height}. */
public record PhotoFaces(int width, int height, List<Detection> faces) {

    public PhotoFaces {
        faces = List.copyOf(faces);
    }
}
