package faceblur.pipeline;

import faceblur.FaceblurException;
import faceblur.FileErrors;
import faceblur.detect.Detection;
import faceblur.engine.FaceBlur;
import faceblur.photo.PhotoBlur;
import faceblur.photo.PhotoFaces;
import faceblur.photo.PhotoFormat;
import faceblur.redact.RedactionSettings;
import faceblur.rekognition.RekognitionJson;
import faceblur.storage.ObjectStore;
import faceblur.storage.S3Location;
import faceblur.text.TextHiding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A photo's job. A photo is one picture: nothing to cut into segments or join, and finding and hiding its faces
 * takes about a second. So its analyse step only moves it to publishing, and the join step does all of it: fetch
 * the source, blur it as {@code faceblur blur} does (same detection passes, style and metadata-free output, in the
 * format of the output key's extension), publish the detections (DetectFaces JSON) then the photo, mark it done.
 * Being in publishing while it works, the job can no longer be cancelled, so its outputs are both there or not at
 * all; a node lost midway leaves it in publishing, and the join runs again, overwriting the same keys.
 */
final class PhotoStep {

    private final StepRunner runner;
    private final ObjectStore store;
    private final FaceBlur engine;
    private final PipelineSettings settings;
    private final StepScheduler steps;

    PhotoStep(StepRunner runner, ObjectStore store, FaceBlur engine, PipelineSettings settings,
              StepScheduler steps) {
        this.runner = runner;
        this.store = store;
        this.engine = engine;
        this.settings = settings;
        this.steps = steps;
    }

    static boolean isPhoto(PipelineJob job) {
        return PhotoFormat.isPhotoName(job.source().location().key());
    }

    private static PhotoFormat formatOf(S3Location location) {
        String key = location.key();
        return PhotoBlur.formatOf(Path.of(key.substring(key.lastIndexOf('/') + 1)));
    }

    /** The analyse step of a photo: straight on to the join, which does the work. */
    void start(StepId step) {
        runner.advance(step, PipelineState.ANALYSING, PipelineState.PUBLISHING, true,
                "a photo: its faces are found, hidden and published in one step",
                () -> steps.join(step.jobId(), step.run()));
    }

    /** The join step of a photo. */
    void publish(PipelineJob job, StepId step, WorkFolder folder, StepClock clock) {
        Path source = SourceVideo.download(store, runner.sources(), job, folder, clock);
        PhotoFormat sourceFormat = formatOf(job.source().location());
        PhotoFormat format = formatOf(job.video());
        Path photo = folder.resolve("photo." + format.name().toLowerCase(Locale.ROOT));
        PhotoFaces faces;
        List<Detection> texts = new ArrayList<>();
        // A missing text model fails the job with its own message, not as an unreadable photo.
        TextHiding text = job.hide().text() ? settings.text().open() : null;
        try (text) {
            RedactionSettings redaction = job.redactionOr(settings.redaction());
            faces = clock.processing(() -> engine.photos().blur(source, sourceFormat, redaction, format,
                    photo, job.hide().faces(), TextHiding.inPhotos(text, redaction, texts)));
        } catch (FaceblurException e) {
            throw new PermanentFailure(job.source().location() + " is not a photo faceblur can read: "
                    + FileErrors.naming(e.getMessage(), source, job.source().location().toString()));
        }
        Path json = folder.resolve("faces.json");
        RekognitionJson.write(RekognitionJson.photoResult(faces.width(), faces.height(), faces.faces()), json);
        // The detections first, as for videos: a photo in the target then always has its faces.json beside it.
        store.upload(json, job.faces());
        store.upload(photo, job.video());
        runner.advance(step, PipelineState.PUBLISHING, PipelineState.DONE, false, "published " + job.video()
                + " and " + job.faces() + " (" + faces.faces().size() + " faces"
                + (job.hide().text() ? ", " + texts.size() + " text regions" : "") + " hidden)", () -> {
                });
    }
}
