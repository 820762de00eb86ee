package faceblur.studio;

import java.nio.file.Path;

/** Where a project's export stands, as the page shows it. */
final class ExportState {

    enum Phase { NONE, WAITING, RUNNING, DONE, FAILED, CANCELLED }

    private volatile Phase phase = Phase.NONE;
    private volatile LiveProgress.Snapshot progress;
    private volatile Path video;
    private volatile String error;
    private volatile boolean cancelRequested;

    Phase phase() {
        return phase;
    }

    LiveProgress.Snapshot progress() {
        return progress;
    }

    Path video() {
        return video;
    }

    String error() {
        return error;
    }

    boolean busy() {
        return phase == Phase.WAITING || phase == Phase.RUNNING;
    }

    void waiting() {
        cancelRequested = false;
        error = null;
        progress = null;
        phase = Phase.WAITING;
    }

    void running() {
        phase = Phase.RUNNING;
    }

    void progress(LiveProgress.Snapshot s) {
        progress = s;
    }

    void done(Path file) {
        video = file;
        progress = null;
        phase = Phase.DONE;
    }

    void failed(String message) {
        error = message;
        progress = null;
        phase = Phase.FAILED;
    }

    void cancelled() {
        progress = null;
        phase = Phase.CANCELLED;
    }

    void cancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }
}
