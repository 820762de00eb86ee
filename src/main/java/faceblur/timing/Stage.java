package faceblur.timing;

/** The stages of {@code faceblur blur} on a video, in the order a frame meets them. */
public enum Stage {
    /** From the JVM's start to the first frame read: libraries, model sessions, opening the file. */
    STARTUP("start-up"),
    /** Of the start-up: opening the detector's ONNX Runtime sessions. */
    SESSIONS("  of which model sessions"),
    /** The analysis pass, wall time: decoding, converting and detecting overlap in it. */
    ANALYSIS_PASS("analysis pass (wall)"),
    /** The analysis pass's decoding. */
    DECODE("decode (analysis)"),
    /** The decoded YUV picture to BGR for the detector, and its copy handed to a detector thread. */
    CONVERT("convert to BGR"),
    /** YuNet on ONNX Runtime, summed over the detector threads, with its resizing and padding. */
    DETECT("detect (all threads)"),
    /** The small luma thumbnail each frame gives the shot-change finder. */
    SHOT_CUES("shot cues"),
    /** Linking detections into tracks. */
    TRACK("track"),
    /** The render pass, wall time: decoding and hiding run beside the encoder. */
    RENDER_PASS("render pass (wall)"),
    /** The render pass's decoding (the second decode of every frame). */
    DECODE_AGAIN("decode (render)"),
    /** Drawing the masks into the decoded planes. */
    HIDE("hide"),
    /** The frame put into the encoder's layout and detached from the reader. */
    CONVERT_BACK("convert back / detach"),
    /** x264. */
    ENCODE("encode"),
    /** Writing packets into the container, audio copied in. */
    MUX("mux");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
