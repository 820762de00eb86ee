package faceblur.eval;

import faceblur.FaceblurException;
import faceblur.detect.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MotGroundTruthTest {

    @TempDir
    Path dir;

    private MotGroundTruth read(String csv) throws IOException {
        return MotGroundTruth.read(Files.writeString(dir.resolve("gt.csv"), csv));
    }

    @Test
    void readsMotLinesSkippingAHeaderAndExtraColumns() throws IOException {
        MotGroundTruth gt = read("frame,id,x,y,w,h,conf,class,visibility\n"
                + "1,7,10.5,20,30,40,1,1,0.8\n"
                + "\n"
                + "3, 2, -5, 0, 12, 16\n");
        assertThat(gt.faces()).containsExactly(
                new MotGroundTruth.Face(1, 7, new Box(10.5, 20, 30, 40)),
                new MotGroundTruth.Face(3, 2, new Box(-5, 0, 12, 16)));
        assertThat(gt.lastFrame()).isEqualTo(3);
        assertThat(gt.byFrame()).containsOnlyKeys(1, 3);
    }

    @Test
    void aSeventhColumnMarksHeadsSeenFromBehind() throws IOException {
        MotGroundTruth gt = read("frame,id,x,y,w,h,kind\n1,1,0,0,10,10,face\n1,2,20,0,10,10,head\n2,1,0,0,10,10,HEAD\n");
        assertThat(gt.faces()).extracting(MotGroundTruth.Face::head).containsExactly(false, true, true);
        assertThatThrownBy(() -> read("1,1,0,0,10,10,hand\n")).hasMessageContaining("line 1")
                .hasMessageContaining("face or head");
    }

    @Test
    void badLinesAreNamedWithTheirNumber() {
        assertThatThrownBy(() -> read("1,1,0,0,10,10\n2,1,0,0,ten,10\n")).isInstanceOf(FaceblurException.class)
                .hasMessageContaining("gt.csv line 2").hasMessageContaining("2,1,0,0,ten,10");
        assertThatThrownBy(() -> read("1,1,0,0,10\n")).hasMessageContaining("line 1: expected frame,id,x,y,w,h");
        assertThatThrownBy(() -> read("0,1,0,0,10,10\n")).hasMessageContaining("frames are counted from 1");
        assertThatThrownBy(() -> read("1,1,0,0,0,10\n")).hasMessageContaining("positive width and height");
        assertThatThrownBy(() -> read("frame,id,x,y,w,h\n")).hasMessageContaining("no face boxes");
        assertThatThrownBy(() -> MotGroundTruth.read(dir.resolve("none.csv"))).hasMessageContaining("no such file");
    }
}
