package faceblur.segment;

import faceblur.FaceblurException;
import faceblur.engine.AtomicOutput;
import faceblur.video.Container;
import faceblur.video.MetadataPolicy;
import faceblur.video.VideoJoiner;
import faceblur.video.VideoPackets;

import java.nio.file.Path;
import java.util.List;

/** Joins the rendered pieces of a video into the file a whole render would have made, without re-encoding. */
public final class SegmentJoiner {

    private SegmentJoiner() {
    }

    /**
     * Writes {@code renderedSegments} (from {@code FaceBlur.renderSegment}, in plan order) with every audio stream
     * of {@code input} copied packet for packet, and the tags {@code metadata} keeps, into {@code target}, which appears whole or not at all and is
     * replaced if it exists. Fails, leaving nothing, unless the pieces hold as many frames as {@code input}: a
     * piece missing or given twice would otherwise pass for the whole video. Returns the number of frames.
     */
    public static int join(Path input, List<Path> renderedSegments, Path target, Container container,
                           MetadataPolicy metadata) {
        try (AtomicOutput output = AtomicOutput.create(target, true)) {
            int frames = VideoJoiner.join(input, renderedSegments, output.temporary(), container, metadata);
            int expected = VideoPackets.scan(input).size();
            if (frames != expected) {
                throw new FaceblurException(target + ": the " + renderedSegments.size() + " pieces hold " + frames
                        + " frames but " + input + " has " + expected + "; is a piece missing or from another file?");
            }
            output.commit();
            return frames;
        }
    }
}
