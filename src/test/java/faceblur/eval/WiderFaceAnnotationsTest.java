package faceblur.eval;

import faceblur.FaceblurException;
import faceblur.detect.Box;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WiderFaceAnnotationsTest {

    private static List<AnnotatedImage> parse(String text) {
        return WiderFaceAnnotations.parse(text.lines().toList(), "gt.txt");
    }

    @Test
    void readsFacesInvalidFlagsAndEmptyImages() {
        List<AnnotatedImage> images = parse("""
                0--Parade/a.jpg
                2
                10 20 30 40 0 0 0 0 0 0\s
                5 6 7 8 2 0 0 1 0 0\s
                1--Handshaking/empty.jpg
                0
                0 0 0 0 0 0 0 0 0 0\s
                2--Demo/quirk.jpg
                1
                0 0 0 0 0 0 0 0 0 0
                3--Last/b.jpg
                1
                1 2 3 4 0 0 0 0 0 0
                """);
        assertThat(images).containsExactly(
                new AnnotatedImage("0--Parade/a.jpg", List.of(
                        new GroundTruthFace(new Box(10, 20, 30, 40), false),
                        new GroundTruthFace(new Box(5, 6, 7, 8), true))),
                new AnnotatedImage("1--Handshaking/empty.jpg", List.of()),
                // WIDER's "1 face, all zeros" entries hold no face.
                new AnnotatedImage("2--Demo/quirk.jpg", List.of()),
                new AnnotatedImage("3--Last/b.jpg", List.of(new GroundTruthFace(new Box(1, 2, 3, 4), false))));
    }

    @Test
    void namesTheLineOfAMalformedEntry() {
        assertThatThrownBy(() -> parse("a.jpg\ntwo\n1 2 3 4 0 0 0 0 0 0\n"))
                .isInstanceOf(FaceblurException.class).hasMessage("gt.txt line 2: expected a face count, got 'two'");
        assertThatThrownBy(() -> parse("a.jpg\n2\n1 2 3 4 0 0 0 0 0 0\n"))
                .isInstanceOf(FaceblurException.class)
                .hasMessage("gt.txt line 4: the file ends where a face line was expected");
        assertThatThrownBy(() -> parse("a.jpg\n1\n1 2 3 4\n"))
                .isInstanceOf(FaceblurException.class).hasMessageStartingWith("gt.txt line 3: expected 10 numbers");
    }

    @Test
    void missingFileIsOneClearLine() {
        assertThatThrownBy(() -> WiderFaceAnnotations.read(Path.of("/nowhere/gt.txt")))
                .isInstanceOf(FaceblurException.class).hasMessage("/nowhere/gt.txt: no such annotation file");
    }
}
