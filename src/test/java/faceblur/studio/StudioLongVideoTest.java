package faceblur.studio;

import faceblur.detect.Box;
import faceblur.detect.Detection;
import faceblur.detect.DetectorPool;
import faceblur.detect.DetectorSettings;
import faceblur.engine.Analysis;
import faceblur.engine.DetectionSchedule;
import faceblur.engine.FaceBlur;
import faceblur.engine.ProgressListener;
import faceblur.redact.RedactionSettings;
import faceblur.review.Findings;
import faceblur.review.Project;
import faceblur.review.ProjectEdits;
import faceblur.review.Provenance;
import faceblur.review.ReviewJson;
import faceblur.review.SourceFile;
import faceblur.testing.Browser;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import faceblur.testing.StudioClient;
import faceblur.testing.Tools;
import faceblur.track.CameraPath;
import faceblur.track.Track;
import faceblur.track.TrackPoint;
import faceblur.track.TrackerSettings;
import faceblur.video.VideoInfo;
import faceblur.video.VideoReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How quick the review page is on a long video: a 10-minute 1080p H.264 file (megamind.mp4 scaled to 1080p and
 * played 54 times over, its sound copied along), reviewed from findings made of megamind's real detections
 * repeated along it (1,500-odd tracks; detecting 14,000 frames of 1080p here would take most of an hour). Prints
 * how long the page takes from asking for the project to showing people and masks, and from each seek to the
 * masks of the frame shown; speed is reported, not asserted.
 */
class StudioLongVideoTest {

    private static final int LOOPS = 54;

    /** Seeks the page's video element alone to eight places and times each until the frame is presented. */
    private static final String VIDEO_SEEKS = """
            const done = arguments[arguments.length - 1];
            const v = document.getElementById('player');
            const times = [];
            const go = (i) => {
              if (i === 8) { done(JSON.stringify(times)); return; }
              const t0 = performance.now();
              v.requestVideoFrameCallback(() => { times.push(Math.round(performance.now() - t0)); go(i + 1); });
              v.currentTime = v.duration * (0.12 + 0.1 * i) + 0.01;
            };
            go(0);
            """;

    @TempDir
    Path dir;

    @Test
    void pageLoadAndSeekTimesOnATenMinute1080pVideo() throws IOException {
        Path clip = Media.fixture("megamind-1080p.mp4", "-i", Media.media("megamind.mp4").toString(),
                "-vf", "scale=1920:1080", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "30", "-g", "48",
                "-pix_fmt", "yuv420p", "-c:a", "copy");
        Path list = Files.writeString(dir.resolve("list.txt"), ("file '" + clip + "'\n").repeat(LOOPS));
        Path video = dir.resolve("long-1080p.mp4");
        Tools.ffmpeg("-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy", video.toString());
        Path data = dir.resolve("data");
        String id = writeProject(video, data);

        try (ServerProcess studio = ServerProcess.studio(Map.of("FACEBLUR_STUDIO_TOKEN", "long"), video.toString(),
                "--data", data.toString(), "--port", "0")) {
            ChromeDriver browser = Browser.start();
            try {
                browser.get(studio.api().toString());
                browser.get(studio.api().resolve("/").toString() + "#/project/" + id);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(50));
                wait.until(d -> "ready".equals(d.findElement(By.id("status")).getAttribute("data-state"))
                        && !d.findElements(By.cssSelector("#people .person")).isEmpty());
                wait.until(d -> metric(browser, "readyMs") != null);
                WebElement timeline = browser.findElement(By.id("timeline"));
                int width = timeline.getRect().getWidth();
                for (int i = 0; i < 8; i++) {
                    long before = seeks(browser);
                    int x = (int) (width * (0.07 + 0.11 * i)) - width / 2;
                    new Actions(browser).moveToElement(timeline, x, 0).click().perform();
                    wait.until(d -> seeks(browser) > before);
                }
                System.out.println("studio on a 10-minute 1080p video (14,634 frames, "
                        + ((JavascriptExecutor) browser).executeScript("return document.querySelectorAll('#people .person').length")
                        + " people rows shown of 1,500-odd): " + ((JavascriptExecutor) browser)
                        .executeScript("return JSON.stringify(window.studioMetrics)"));
                assertThat(seeks(browser)).isGreaterThanOrEqualTo(8);
                System.out.println("chromium's own seek on the same video, no masks (ms until the frame is presented): "
                        + ((JavascriptExecutor) browser).executeAsyncScript(VIDEO_SEEKS));
                printServerTimes(studio, id);
            } finally {
                browser.quit();
            }
        }
    }

    /** How long the studio takes to answer what the page asks for first and on every seek, measured here. */
    private static void printServerTimes(ServerProcess studio, String id) {
        StudioClient api = new StudioClient(studio.api().resolve("/"));
        api.signInWith(studio.api());
        StringBuilder out = new StringBuilder("studio API on the 10-minute video, ms per request (5 each, median):");
        for (String path : List.of("", "/frames", "/people?limit=100", "/masks?from=7000&count=120",
                "/masks?from=12000&count=120")) {
            long[] ms = new long[5];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                api.get("api/projects/" + id + path);
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            java.util.Arrays.sort(ms);
            out.append(' ').append(path.isEmpty() ? "project" : path).append(' ').append(ms[2]);
        }
        System.out.println(out);
    }

    private static Object metric(ChromeDriver browser, String name) {
        return ((JavascriptExecutor) browser).executeScript(
                "return window.studioMetrics ? window.studioMetrics[arguments[0]] : null", name);
    }

    private static long seeks(ChromeDriver browser) {
        Object n = ((JavascriptExecutor) browser).executeScript(
                "return window.studioMetrics && window.studioMetrics.seeks ? window.studioMetrics.seeks.length : 0");
        return ((Number) n).longValue();
    }

    /**
     * The project folder the studio would have written after analysing {@code video}: megamind's real tracks
     * (found here by the engine on the 720p original, scaled to 1080p) at every repetition, with thumbnails.
     */
    private String writeProject(Path video, Path data) throws IOException {
        TrackerSettings tracking = TrackerSettings.defaults();
        DetectorSettings detector = DetectorSettings.defaults();
        Findings clip;
        Path clipThumbs = dir.resolve("clip-thumbs");
        try (FaceBlur engine = FaceBlur.withDetectors(new DetectorPool(Media.model(), detector), DetectionSchedule.defaults(), tracking)) {
            Path megamind = Media.media("megamind.mp4");
            Analysis a = engine.analyse(megamind, ProgressListener.NONE);
            Provenance provenance = new Provenance(FaceBlur.version(), SourceFile.of(Media.model()), detector, DetectionSchedule.defaults(), tracking);
            clip = Findings.of(SourceFile.of(megamind), a, engine.track(a), provenance);
        }
        Map<Integer, List<TrackThumbnails.Thumb>> clipThumbIndex =
                TrackThumbnails.make(Media.media("megamind.mp4"), clip, clipThumbs, ProgressListener.NONE);

        List<Long> frames = new ArrayList<>();
        VideoInfo info;
        try (VideoReader reader = VideoReader.open(video)) {
            info = reader.info();
            long first = -1;
            for (String line : Tools.ffprobe("-select_streams", "v:0", "-show_entries", "packet=pts", "-of", "csv=p=0",
                    video.toString()).lines().toList()) {
                long pts = Long.parseLong(line.replace(",", "").strip());
                long micros = reader.info().toMicros(pts);
                first = first < 0 ? micros : first;
                frames.add(micros - first);
            }
        }
        frames.sort(null);
        int perLoop = clip.frameCount();
        assertThat(frames).hasSize(perLoop * LOOPS);
        double sx = 1920.0 / clip.video().width();
        double sy = 1080.0 / clip.video().height();
        List<Track> tracks = new ArrayList<>();
        List<Long> cuts = new ArrayList<>();
        Path thumbs = data.resolve("projects").resolve(ProjectLibrary.idOf(video)).resolve("thumbs");
        Files.createDirectories(thumbs);
        Map<Integer, List<TrackThumbnails.Thumb>> index = new HashMap<>();
        for (int k = 0; k < LOOPS; k++) {
            long offset = frames.get(k * perLoop);
            if (k > 0) {
                cuts.add(offset);
            }
            for (long c : clip.cuts()) {
                cuts.add(c + offset);
            }
            for (Track t : clip.tracks()) {
                int newId = k * 1000 + t.id();
                List<TrackPoint> points = new ArrayList<>();
                for (TrackPoint p : t.points()) {
                    Box b = p.detection().box();
                    points.add(new TrackPoint(p.micros() + offset, new Detection(
                            new Box(b.x() * sx, b.y() * sy, b.width() * sx, b.height() * sy), p.detection().confidence(), List.of())));
                }
                tracks.add(new Track(newId, points, t.extendBeforeMicros(), t.extendAfterMicros(), CameraPath.STILL));
                List<TrackThumbnails.Thumb> copies = new ArrayList<>();
                for (TrackThumbnails.Thumb th : clipThumbIndex.getOrDefault(t.id(), List.of())) {
                    int frame = th.frame() + k * perLoop;
                    String file = "f" + newId + "-" + frame + ".jpg";
                    Files.createLink(thumbs.resolve(file), clipThumbs.resolve(th.file()));
                    copies.add(new TrackThumbnails.Thumb(frame, file, th.score()));
                }
                index.put(newId, copies);
            }
        }
        TrackThumbnails.writeIndex(thumbs, index);
        Findings findings = new Findings(SourceFile.of(video), info, frames, cuts, CameraPath.STILL, tracks,
                clip.provenance());
        Path folder = thumbs.getParent();
        StudioProject.writeSource(folder, video.toRealPath());
        String sha = ReviewJson.writeFindings(findings, folder.resolve(ReviewJson.FINDINGS_FILE));
        Project project = new ProjectEdits(findings, "test", Clock.systemUTC()).start(sha, RedactionSettings.defaults());
        ReviewJson.writeProject(project, folder.resolve(ReviewJson.PROJECT_FILE));
        return folder.getFileName().toString();
    }
}
