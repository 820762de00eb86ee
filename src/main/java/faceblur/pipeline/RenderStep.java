package faceblur.pipeline;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import faceblur.FaceblurException;
import faceblur.engine.FaceBlur;
import faceblur.rekognition.RekognitionJson;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.track.Observation;
import faceblur.track.Track;
import faceblur.video.Container;
import faceblur.video.VideoInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Steps 2 and 3: track over every segment's observations, render with the same defaults as {@code faceblur
 * blur}, then publish the video and its detections, each by one PUT. A node lost while publishing leaves the job
 * in publishing; the step then renders again and overwrites the same keys with the same content.
 */
final class RenderStep {

    private static final double PUBLISHING_AT = 0.95;

    private final StepRunner runner;
    private final ObjectStore store;
    private final FaceBlur engine;
    private final PipelineSettings settings;

    RenderStep(StepRunner runner, ObjectStore store, FaceBlur engine, PipelineSettings settings) {
        this.runner = runner;
        this.store = store;
        this.engine = engine;
        this.settings = settings;
    }

    OneTimeTask<Void> task() {
        return runner.task(StepScheduler.RENDER, PipelineState.RENDERING, PipelineState.RENDERING,
                Set.of(PipelineState.PUBLISHING), this::run);
    }

    private void run(PipelineJob job, StepId step, WorkFolder folder) {
        Path source = folder.resolve("source");
        VideoInfo info = SourceVideo.fetch(store, job, source);
        Container container = container(job.video(), info);
        List<Track> tracks = engine.track(observations(step));
        Path video = folder.resolve("video" + container.extension());
        engine.render(source, tracks, settings.redaction(), settings.encoding(), video, container,
                new StepProgress(runner.transactions(), step, AnalyseStep.SHARE, PUBLISHING_AT));
        Path faces = folder.resolve("faces.json");
        RekognitionJson.write(RekognitionJson.result(info, tracks), faces);
        if (job.state() == PipelineState.RENDERING && !runner.advance(step, PipelineState.RENDERING,
                PipelineState.PUBLISHING, false, "rendered " + tracks.size() + " tracked faces", () -> {
                })) {
            return; // cancelled meanwhile: publish nothing
        }
        // The detections first: a video in DST then always has its faces.json beside it.
        store.upload(faces, job.faces());
        store.upload(video, job.video());
        runner.advance(step, PipelineState.PUBLISHING, PipelineState.DONE, false,
                "published " + job.video() + " and " + job.faces(), () -> {
                });
    }

    private List<Observation> observations(StepId step) {
        List<String> segments = runner.transactions().withConnection(c -> SegmentRows.observations(c, step.jobId()));
        List<Observation> all = new ArrayList<>();
        segments.forEach(json -> all.addAll(ObservationJson.read(json)));
        // The tracker takes the moments in time order, whichever segment saw them.
        all.sort(Comparator.comparingLong(Observation::micros));
        return all;
    }

    private static Container container(S3Location video, VideoInfo info) {
        Container container = Container.forPath(Path.of(video.key().substring(video.key().lastIndexOf('/') + 1)));
        if (!container.canCarry(info.audioCodecs())) {
            throw new FaceblurException("a " + container.extension() + " file cannot hold the audio ("
                    + String.join(", ", info.audioCodecs()) + ") without re-encoding it; name the output .mkv "
                    + "with --output-template");
        }
        return container;
    }
}
