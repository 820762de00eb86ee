package faceblur.studio;

import faceblur.detect.Box;
import faceblur.redact.RedactionSettings;
import faceblur.redact.Redactor;
import faceblur.review.Findings;
import faceblur.video.DecodedFrame;
import faceblur.video.Plane;
import faceblur.video.VideoReader;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Path;
import java.util.List;

/**
 * Single frames of one video for the page: as the export will show them (faces hidden in the decoded planes,
 * as the renderer hides them), and crops of drawn faces for their thumbnails. Keeps its decoder open between
 * requests: stepping to the next frame decodes one frame, a jump decodes from the keyframe before it.
 */
final class FrameImages implements AutoCloseable {

    /** Reading on costs less than seeking back to a keyframe when the wanted frame is this close ahead. */
    private static final int READ_AHEAD = 48;
    static final int QUALITY = 90;

    private final Path video;
    private final Findings findings;
    private VideoReader reader;
    private int position = -1;

    FrameImages(Path video, Findings findings) {
        this.video = video;
        this.findings = findings;
    }

    /** Frame {@code frame} with {@code hide} hidden as {@code settings} say (nothing hidden when empty). */
    synchronized byte[] frame(int frame, List<Box> hide, RedactionSettings settings) {
        DecodedFrame f = read(frame);
        if (!hide.isEmpty()) {
            Redactor redactor = new Redactor(settings);
            for (Plane plane : f.planes()) {
                redactor.apply(plane, hide);
            }
            position = -1; // this picture is no longer the decoded one: decode it again if asked
        }
        return Jpeg.encode(f.encodedImage(), QUALITY);
    }

    /** The part of frame {@code frame} inside {@code box} (clipped to the picture), for a thumbnail. */
    synchronized byte[] crop(int frame, Box box) {
        try (Mat picture = TrackThumbnails.picture(read(frame).image(), box)) {
            if (picture == null) {
                throw new StudioException(400, "the box lies outside the picture of frame " + frame);
            }
            return Jpeg.encode(picture, QUALITY);
        }
    }

    private DecodedFrame read(int frame) {
        long micros = findings.micros(frame);
        if (reader == null) {
            reader = VideoReader.open(video);
            position = -1;
        }
        if (position < 0 || frame <= position || frame - position > READ_AHEAD) {
            reader.seekTo(micros, frame);
        }
        for (DecodedFrame f = reader.next(); f != null; f = reader.next()) {
            position = f.index();
            if (f.micros() >= micros) {
                return f;
            }
        }
        position = -1;
        throw StudioException.notFound("frame " + frame + " could not be decoded");
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
