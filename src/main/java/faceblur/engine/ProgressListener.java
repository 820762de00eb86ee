package faceblur.engine;

/** Told how far long work has come; the CLI draws bars with it, the server could count frames. */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void begin(String task, long totalFrames) {
        }

        @Override
        public void frameDone() {
        }

        @Override
        public void end() {
        }
    };

    /** A pass over the video starts; {@code totalFrames} is an estimate, or -1 when unknown. */
    void begin(String task, long totalFrames);

    void frameDone();

    void end();
}
