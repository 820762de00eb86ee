package faceblur.review;

import faceblur.engine.AtomicOutput;
import faceblur.engine.FaceBlur;
import faceblur.engine.ProgressListener;
import faceblur.video.Container;
import faceblur.video.EncoderSettings;

import faceblur.FaceblurException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Renders a review: the source checked against the project's SHA-256, every face of the plan hidden by the
 * engine of {@code faceblur blur} (same frames, timestamps and audio), and the {@link RedactionReport} written
 * beside the output. The studio's export and {@code faceblur redact --project} both come here, so the same
 * project and settings give the same bytes.
 */
public final class ReviewExport {

    /**
     * One export.
     *
     * @param source      the video the project was made from
     * @param findings    the project's findings
     * @param project     the review
     * @param encoding    how to encode
     * @param target      the output video; its reports go beside it
     * @param container   its file format
     * @param overwrite   whether an existing output may be replaced
     * @param exportedBy  who runs the export
     * @param signedOffBy the name the reviewer signs with, or null
     */
    public record Request(Path source, Findings findings, Project project, EncoderSettings encoding, Path target,
                          Container container, boolean overwrite, String exportedBy, String signedOffBy) {
    }

    public record Result(Path video, Path jsonReport, Path textReport, RedactionReport report) {
    }

    private ReviewExport() {
    }

    /** The JSON report of an output video. */
    public static Path jsonReportFor(Path video) {
        return video.resolveSibling(video.getFileName() + ".report.json");
    }

    /** The text report of an output video. */
    public static Path textReportFor(Path video) {
        return video.resolveSibling(video.getFileName() + ".report.txt");
    }

    /**
     * Writes the output and its two reports, each whole or not at all; the video is moved into place last, so
     * an output is never there without its report.
     */
    public static Result export(FaceBlur engine, Request r, Clock clock, ProgressListener progress) {
        try (AtomicOutput video = AtomicOutput.create(r.target(), r.overwrite());
             AtomicOutput json = AtomicOutput.create(jsonReportFor(r.target()), r.overwrite());
             AtomicOutput text = AtomicOutput.create(textReportFor(r.target()), r.overwrite())) {
            progress.begin("checking the video", -1);
            SourceFile input = r.project().source().requireSameContent(r.source(), bytes -> { });
            progress.end();
            RedactionPlan plan = RedactionPlan.of(r.findings(), r.project());
            int frames = engine.render(r.source(), plan.hiddenTimeline(), r.project().redaction(), r.encoding(),
                    video.temporary(), r.container(), progress);
            SourceFile output = SourceFile.of(video.temporary());
            output = new SourceFile(r.target().getFileName().toString(), output.sha256(), output.bytes());
            RedactionReport report = RedactionReport.of(r.findings(), r.project(), input, output, frames,
                    r.encoding(), Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), r.exportedBy(),
                    r.signedOffBy(), FaceBlur.version());
            write(json.temporary(), report.json());
            write(text.temporary(), report.text().getBytes(StandardCharsets.UTF_8));
            json.commit();
            text.commit();
            video.commit();
            return new Result(r.target(), json.target(), text.target(), report);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new FaceblurException(file + ": cannot write the report (" + e.getMessage() + ")");
        }
    }
}
