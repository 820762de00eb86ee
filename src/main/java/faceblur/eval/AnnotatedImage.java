package faceblur.eval;

import java.util.List;

/**
 * An image and the faces marked in it.
 *
 * @param file  the image's path relative to the images folder, as the annotation file names it
 * @param faces every marked face, valid or not
 */
public record AnnotatedImage(String file, List<GroundTruthFace> faces) {

    public AnnotatedImage {
        faces = List.copyOf(faces);
    }
}
